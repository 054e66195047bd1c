/**
 * 3b. End-to-end ingest (local arXiv stand-in → parse → index → store commit) on each backend:
 * the seven busy days that fill the store the serving benchmarks read (median per day), and one
 * 1,504-item all-archives day, each against the bare parse of the same bytes.
 * 6b. Peak RSS of an ingest run of the 1,504-item day, in a child process of its own.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { FakeArxiv } from '../support/fake-arxiv';
import { cleanBaseEnv, openBackend, type BenchBackend, type BackendName } from './backends';
import { ALL_ARCHIVES, bigDay, busyDay, BUSY_DAYS, BUSY_SOURCES, type BenchDay } from './data/bench-days';
import { figure, fmt, mb, median, ms, timeRuns, type Figure } from './harness';
import { ingestDay, ingestDays } from './ingest-days';

const bareParseMs = async (xml: string) => {
  const parser = new XMLParser();
  return median(await timeRuns(() => parser.parse(xml), 5, 1));
};

export const busyDays = (): BenchDay[] => BUSY_DAYS.map((_, i) => busyDay(i));

/** Fills `backend` with the seven busy days and reports the per-day ingest time. */
export async function benchFillIngest(backend: BenchBackend, arxiv: FakeArxiv, days: BenchDay[]): Promise<Figure[]> {
  const runs = await ingestDays(backend, arxiv, days, BUSY_SOURCES);
  const t = median(runs.map((r) => r.ms));
  const bare = await bareParseMs(days[0]!.xml);
  return [
    figure({
      section: '3 ingest',
      what: `end-to-end ingest of one busy day, ${backend.name} (${fmt(median(runs.map((r) => r.papers)))} items, 4 categories)`,
      value: ms(t),
      ratio: { value: t / bare, against: `÷ bare parse of the same ${mb(days[0]!.xml.length)} ${ms(bare)}`, digits: 1 },
      note: `median of ${runs.length} daily runs (${runs.map((r) => fmt(r.ms)).join(', ')} ms): HTTP fetch, validate, parse, normalize, paper versions lookup, bucket commit, manifest switch.`,
    }),
  ];
}

/** The 1,504-item day into a fresh store of `name`, in-process (time) and in a child process (memory). */
export async function benchBigIngest(name: BackendName, arxiv: FakeArxiv, root: string): Promise<Figure[]> {
  const day = bigDay();
  const bare = await bareParseMs(day.xml);
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const backend = await openBackend(name, `big${i}`);
    try {
      times.push((await ingestDay(backend, arxiv, day, ALL_ARCHIVES)).ms);
    } finally {
      await backend.cleanup();
    }
  }
  const t = median(times);
  const memory = await ingestInChild(name, arxiv, day, root);
  return [
    figure({
      section: '3 ingest',
      what: `end-to-end ingest of the 1,504-item day into an empty ${name} store (20 archives)`,
      value: ms(t),
      ratio: { value: t / bare, against: `÷ bare parse ${ms(bare)}`, digits: 1 },
      note: `median of 3 fresh stores (${times.map((x) => fmt(x)).join(', ')} ms).`,
    }),
    figure({
      section: '6 memory',
      what: `ingest run peak RSS, 1,504-item day (${mb(day.xml.length)}), ${name}`,
      value: mb(memory.peakBytes),
      ratio: { value: memory.peakBytes / memory.baselineBytes, against: `÷ process RSS before the run ${mb(memory.baselineBytes)}` },
      note: `separate process (the app's getStore + runIngest), ${memory.reset ? 'VmHWM reset just before the run' : 'VmHWM since process start'}; run took ${ms(memory.ms)}.`,
    }),
  ];
}

type ChildReport = { state: string; fetched: number; ms: number; baselineBytes: number; peakBytes: number; reset: boolean };

async function ingestInChild(name: BackendName, arxiv: FakeArxiv, day: BenchDay, root: string): Promise<ChildReport> {
  const backend = await openBackend(name, 'mem');
  try {
    arxiv.setRss(day.xml);
    const env = {
      ...cleanBaseEnv(),
      ...backend.vars,
      ...arxiv.env(),
      ARXIV_CATEGORIES: ALL_ARCHIVES.join(','),
      ARXIV_MIN_INTERVAL_MS: '0',
      BENCH_NOW: `${day.day}T11:00:00Z`,
      NODE_ENV: 'production' as const,
    };
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/bench/ingest-child.ts')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    const line = out.trim().split('\n').pop() ?? '';
    if (code !== 0 || !line.startsWith('{')) throw new Error(`ingest child exited ${code}: ${err.slice(-1000)}`);
    const report = JSON.parse(line) as ChildReport;
    if (report.state !== 'ok') throw new Error(`ingest child: state ${report.state}`);
    return report;
  } finally {
    await backend.cleanup();
  }
}
