/**
 * Resident memory of a process tree from /proc (Linux): current RSS, and the peak since the last
 * reset (VmHWM, reset by writing 5 to /proc/<pid>/clear_refs). Where the reset is refused, a
 * sampler polling VmRSS gives the peak instead.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const kbField = (status: string, field: string) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1] ?? NaN) * 1024;

/** `pid` and all its descendants. */
export function processTree(pid: number): number[] {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    const file = `/proc/${out[i]}/task/${out[i]}/children`;
    if (!existsSync(file)) continue;
    out.push(...readFileSync(file, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number));
  }
  return out;
}

function statusOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return '';
  }
}

/** CPU time (user + system) of `pid`'s tree in ms, from /proc/<pid>/stat (clock ticks of 10 ms). */
export function cpuMsOf(pid: number): number {
  return processTree(pid).reduce((n, p) => {
    try {
      const fields = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return n + (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      return n;
    }
  }, 0);
}

/** Bytes; summed over the tree. */
export const rssOf = (pid: number) => processTree(pid).reduce((n, p) => n + (kbField(statusOf(p), 'VmRSS') || 0), 0);
export const peakRssOf = (pid: number) => processTree(pid).reduce((n, p) => n + (kbField(statusOf(p), 'VmHWM') || 0), 0);

/** Resets the peak of every process in the tree; false when the kernel refused. */
export function resetPeak(pid: number): boolean {
  try {
    for (const p of processTree(pid)) writeFileSync(`/proc/${p}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** Peak RSS of `pid`'s tree while `work` runs: the kernel's high-water mark, and a 10 ms sampler as a floor. */
export async function peakDuring<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peakBytes: number; baselineBytes: number; method: string }> {
  const baselineBytes = rssOf(pid);
  const reset = resetPeak(pid);
  let sampled = baselineBytes;
  const timer = setInterval(() => (sampled = Math.max(sampled, rssOf(pid))), 10);
  try {
    const result = await work();
    const hwm = reset ? peakRssOf(pid) : 0;
    return { result, peakBytes: Math.max(hwm, sampled), baselineBytes, method: reset ? 'VmHWM after reset' : 'sampled VmRSS every 10 ms' };
  } finally {
    clearInterval(timer);
  }
}
