/**
 * Peak resident memory of the server `next start` runs: it forks, so the process to watch is its
 * child (from /proc/<pid>/task/<pid>/children), sampled every SAMPLE_INTERVAL_MS from VmRSS.
 */
import { readFileSync } from 'node:fs';

const SAMPLE_INTERVAL_MS = 100;

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Bytes, or 0 when the process is gone. */
function vmRssBytes(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/** Starts sampling; `stop()` returns the peak and the pid that was watched. */
export function sampleServerRss(launcherPid: number): { stop(): { peakBytes: number; pid: number } } {
  const pid = childrenOf(launcherPid)[0] ?? launcherPid;
  let peakBytes = vmRssBytes(pid);
  const timer = setInterval(() => (peakBytes = Math.max(peakBytes, vmRssBytes(pid))), SAMPLE_INTERVAL_MS);
  return {
    stop: () => {
      clearInterval(timer);
      return { peakBytes: Math.max(peakBytes, vmRssBytes(pid)), pid };
    },
  };
}
