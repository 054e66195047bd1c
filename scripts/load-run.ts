/**
 * Issue 16: a load run on the production server (`next start`), everything local and stopped at
 * the end (≈ 1.5 min). Needs a `.next` build: it reuses a fresh one and otherwise takes the shared
 * build lock through ensureFreshBuild, never a build of its own.
 *   A. embedded store: 20 clients × 30 s over ten feed/health URLs while the ingest and summarize
 *      crons run (at 0 s and 10 s) against a stand-in arXiv (a busy day) and OpenAI (300 ms per summary).
 *   B. Redis store, paused with SIGSTOP from 10 s to 20 s: every answer must come within the store
 *      deadline (503 + Retry-After), and the last 5 s must be all 2xx/3xx again.
 * Usage: npm run load-run
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EnvSchema } from '../lib/env';
import { ensureFreshBuild, freePort, startNext, type RunningNext } from './support/next-server';
import { runClients, summarizeAnswers, type Answer, type LoadSummary } from './load/run-clients';
import { sampleServerRss } from './load/sample-rss';
import { startRedis, type PrivateRedis } from './load/start-redis';
import { startStandIns, type StandIns } from './load/start-stand-ins';

const CONNECTIONS = 20;
const LOAD_SECONDS = 30;
const CRON_REPEAT_AFTER_MS = 10_000;
const PAUSE_AT_MS = 10_000;
const PAUSE_FOR_MS = 10_000;
const STORE_TIMEOUT_MS = 2_000;
/** An answer during the pause may take the store deadline plus this much (routing, rendering the 503). */
const PAUSE_SLACK_MS = 1_000;
const CLIENT_TIMEOUT_MS = 15_000;
const SUMMARY_DELAY_MS = 300;
const CRON_SECRET = 'load-run-secret';
const CATS = 'cs.AI,cs.CL,cs.DC,cs.LG';

/** Ten distinct URLs: default and explicit feeds in the three formats, keywords, and health. */
const PATHS = [
  '/api/feed',
  `/api/feed?cats=${CATS}&days=7&limit=100&q=LLM,Inference,Training,Attention`,
  '/api/feed?cats=cs.LG&format=atom',
  '/api/feed?cats=cs.CL&format=json',
  '/api/feed?cats=cs.AI&q=agents,planning&limit=30',
  '/api/feed?cats=cs.DC&days=3&format=atom',
  '/api/feed?cats=cs.LG,cs.AI&limit=20&format=json',
  '/api/feed?cats=cs.CL&q=translation&exclude=survey',
  '/api/health',
  '/api/categories',
];

const log = (line: string) => console.log(line);
const ms = (n: number) => `${Math.round(n)} ms`;
const sleep = (n: number) => new Promise((r) => setTimeout(r, n));

/** process.env without any of the app's variables, so a developer's shell changes nothing. */
function baseEnv(): Record<string, string> {
  const appVars = new Set(Object.keys(EnvSchema.shape));
  return Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined && !appVars.has(e[0])));
}

type CronResult = { job: string; atMs: number; status: number; state: string; tookMs: number };

async function callCron(server: RunningNext, job: 'ingest' | 'summarize', t0: number): Promise<CronResult> {
  const atMs = performance.now() - t0;
  try {
    const res = await fetch(`${server.url}/api/cron/${job}`, { headers: { authorization: `Bearer ${CRON_SECRET}` }, signal: AbortSignal.timeout(70_000) });
    const body = (await res.json().catch(() => ({}))) as { state?: string; counts?: Record<string, number>; error?: unknown };
    const counts = body.counts ? ` ${JSON.stringify(body.counts)}` : '';
    return { job, atMs, status: res.status, state: `${body.state ?? '?'}${counts}`, tookMs: performance.now() - t0 - atMs };
  } catch (err) {
    return { job, atMs, status: 0, state: `request failed: ${(err as Error).message}`, tookMs: performance.now() - t0 - atMs };
  }
}

type PhaseReport = { name: string; summary: LoadSummary; peakRssBytes: number; rssPid: number; extra: string[] };

function printPhase(report: PhaseReport) {
  const s = report.summary;
  log(`\n== ${report.name} ==`);
  log(`  requests ${s.requests}, ${s.perSecond.toFixed(1)} req/s, latency p50 ${ms(s.p50Ms)} / p99 ${ms(s.p99Ms)} / max ${ms(s.maxMs)}`);
  log(`  non-2xx/3xx by status: ${JSON.stringify(s.failedByStatus)}; socket errors ${s.errors}, client timeouts ${s.timeouts}`);
  log(`  server peak RSS ${(report.peakRssBytes / 2 ** 20).toFixed(0)} MB (VmRSS of pid ${report.rssPid}, sampled every 100 ms)`);
  for (const line of report.extra) log(`  ${line}`);
}

async function phaseEmbedded(standIns: StandIns, common: Record<string, string>): Promise<PhaseReport> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'af-load-'));
  const server = await startNext({ ...common, STORE_BACKEND: 'embedded', DATA_DIR: dataDir });
  try {
    log(`phase A: next start on ${server.url}, embedded store in ${dataDir}`);
    const rss = sampleServerRss(server.pid);
    const t0 = performance.now();
    const crons = [callCron(server, 'ingest', t0), callCron(server, 'summarize', t0)];
    const later = sleep(CRON_REPEAT_AFTER_MS).then(() => Promise.all([callCron(server, 'ingest', t0), callCron(server, 'summarize', t0)]));
    const answers = await runClients({ baseUrl: server.url, paths: PATHS, connections: CONNECTIONS, seconds: LOAD_SECONDS, timeoutMs: CLIENT_TIMEOUT_MS });
    const cronResults = [...(await Promise.all(crons)), ...(await later)];
    const { peakBytes, pid } = rss.stop();
    const extra = cronResults.map((c) => `cron ${c.job} @${(c.atMs / 1000).toFixed(0)} s → ${c.status} ${c.state} (${ms(c.tookMs)})`);
    extra.push(`stand-in arXiv day ${standIns.day}: ${standIns.rssItems} items; OpenAI stand-in calls ${standIns.summaryCalls()}`);
    return { name: `A embedded: ${CONNECTIONS} clients × ${LOAD_SECONDS} s + crons`, summary: summarizeAnswers(answers, LOAD_SECONDS), peakRssBytes: peakBytes, rssPid: pid, extra };
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function pauseFigures(answers: Answer[]): { lines: string[]; pass: boolean } {
  const pauseEnd = PAUSE_AT_MS + PAUSE_FOR_MS;
  const overlapping = answers.filter((a) => a.startMs < pauseEnd && a.startMs + a.latencyMs > PAUSE_AT_MS);
  const maxPause = Math.max(0, ...overlapping.map((a) => a.latencyMs));
  const unavailable = answers.filter((a) => a.status === 503);
  const withRetryAfter = unavailable.filter((a) => a.retryAfter !== null).length;
  const retryValues = [...new Set(unavailable.map((a) => a.retryAfter ?? 'none'))].join(', ');
  const tail = answers.filter((a) => a.startMs >= LOAD_SECONDS * 1000 - 5000);
  const tailBad = tail.filter((a) => a.outcome !== 'answer' || a.status < 200 || a.status >= 400);
  const limit = STORE_TIMEOUT_MS + PAUSE_SLACK_MS;
  const pausedOk = maxPause <= limit;
  return {
    pass: pausedOk && tailBad.length === 0 && withRetryAfter === unavailable.length,
    lines: [
      `503 answers ${unavailable.length}, with Retry-After ${withRetryAfter} (values: ${retryValues || '-'})`,
      `max latency of requests overlapping the pause ${ms(maxPause)} over ${overlapping.length} requests (target ≤ ${ms(limit)}: ${pausedOk ? 'met' : 'MISSED'})`,
      `last 5 s: ${tail.length} requests, ${tailBad.length} not 2xx/3xx (${tailBad.length ? 'NOT recovered' : 'recovered'})`,
    ],
  };
}

async function phaseRedis(common: Record<string, string>): Promise<PhaseReport & { pass: boolean }> {
  let redis: PrivateRedis | undefined;
  let server: RunningNext | undefined;
  try {
    redis = await startRedis(await freePort());
    server = await startNext({ ...common, STORE_BACKEND: 'redis', REDIS_URL: redis.url, STORE_PREFIX: 'afload:', STORE_TIMEOUT_MS: String(STORE_TIMEOUT_MS) });
    log(`phase B: next start on ${server.url}, redis-server pid ${redis.pid} at ${redis.url}`);
    const warm = await callCron(server, 'ingest', performance.now());
    log(`  warm-up ingest → ${warm.status} ${warm.state} (${ms(warm.tookMs)})`);
    const rss = sampleServerRss(server.pid);
    const paused = redis;
    const timers = [setTimeout(() => paused.pause(), PAUSE_AT_MS), setTimeout(() => paused.resume(), PAUSE_AT_MS + PAUSE_FOR_MS)];
    const answers = await runClients({ baseUrl: server.url, paths: PATHS, connections: CONNECTIONS, seconds: LOAD_SECONDS, timeoutMs: CLIENT_TIMEOUT_MS });
    timers.forEach(clearTimeout);
    redis.resume();
    const { peakBytes, pid } = rss.stop();
    const { lines, pass } = pauseFigures(answers);
    const name = `B redis paused ${PAUSE_AT_MS / 1000}–${(PAUSE_AT_MS + PAUSE_FOR_MS) / 1000} s: ${CONNECTIONS} clients × ${LOAD_SECONDS} s, STORE_TIMEOUT_MS=${STORE_TIMEOUT_MS}`;
    return { name, summary: summarizeAnswers(answers, LOAD_SECONDS), peakRssBytes: peakBytes, rssPid: pid, extra: [`warm-up ingest → ${warm.status} ${warm.state}`, ...lines], pass };
  } finally {
    await server?.stop();
    await redis?.stop();
  }
}

function printTable(a: PhaseReport, b: PhaseReport) {
  const row = (r: PhaseReport, label: string) => {
    const s = r.summary;
    const failed = Object.values(s.failedByStatus).reduce((n, c) => n + c, 0);
    return [label, s.requests, s.perSecond.toFixed(0), ms(s.p50Ms), ms(s.p99Ms), ms(s.maxMs), failed, s.errors + s.timeouts, `${(r.peakRssBytes / 2 ** 20).toFixed(0)} MB`];
  };
  const rows = [['phase', 'requests', 'req/s', 'p50', 'p99', 'max', 'non-2xx/3xx', 'err+timeout', 'peak RSS'], row(a, 'A embedded'), row(b, 'B redis-paused')];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  log('\n' + rows.map((r) => r.map((c, i) => String(c).padEnd(widths[i]!)).join('  ')).join('\n'));
}

async function main() {
  const started = performance.now();
  ensureFreshBuild(log);
  const standIns = await startStandIns({ summaryDelayMs: SUMMARY_DELAY_MS });
  try {
    const common = { ...baseEnv(), ...standIns.env, CRON_SECRET, ARXIV_CATEGORIES: CATS, ARXIV_MIN_INTERVAL_MS: '50', ARXIV_TIMEOUT_MS: '10000', DISABLE_AUTO_INGEST: '1' };
    const a = await phaseEmbedded(standIns, common);
    printPhase(a);
    const b = await phaseRedis(common);
    printPhase(b);
    printTable(a, b);
    log(`\nphase B verdict: ${b.pass ? 'PASS' : 'FAIL'}; total ${((performance.now() - started) / 1000).toFixed(0)} s`);
    if (!b.pass) process.exitCode = 1;
  } finally {
    await standIns.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
