/**
 * A closed-loop HTTP load on 127.0.0.1: `connections` clients, each sending its next URL as soon as
 * the previous answer is read, for `seconds`. Unlike autocannon it keeps every answer (start time,
 * latency, status, Retry-After), which the paused-store phase needs to tell a 503 with Retry-After
 * from a hang and to look at the last seconds alone.
 */
import { Agent, request } from 'node:http';

export type Answer = {
  /** ms since the run started. */
  startMs: number;
  latencyMs: number;
  /** 0 for a socket error or a client timeout. */
  status: number;
  retryAfter: string | null;
  outcome: 'answer' | 'error' | 'timeout';
};

export type ClientLoad = { baseUrl: string; paths: string[]; connections: number; seconds: number; timeoutMs: number };

function sendOne(agent: Agent, url: URL, timeoutMs: number): Promise<Omit<Answer, 'startMs' | 'latencyMs'>> {
  return new Promise((resolve) => {
    const req = request(url, { agent, method: 'GET', headers: { 'user-agent': 'arxiv-feeds-load-run' } }, (res) => {
      res.on('data', () => {});
      res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: (res.headers['retry-after'] as string | undefined) ?? null, outcome: 'answer' }));
      res.on('error', () => resolve({ status: 0, retryAfter: null, outcome: 'error' }));
    });
    req.setTimeout(timeoutMs, () => {
      req.destroy();
      resolve({ status: 0, retryAfter: null, outcome: 'timeout' });
    });
    req.on('error', () => resolve({ status: 0, retryAfter: null, outcome: 'error' }));
    req.end();
  });
}

/** Runs the load; answers are in the order they finished. */
export async function runClients(load: ClientLoad): Promise<Answer[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: load.connections });
  const answers: Answer[] = [];
  const started = performance.now();
  const endAt = started + load.seconds * 1000;
  const client = async (index: number) => {
    for (let n = index; performance.now() < endAt; n++) {
      const sent = performance.now();
      const result = await sendOne(agent, new URL(load.paths[n % load.paths.length]!, load.baseUrl), load.timeoutMs);
      answers.push({ ...result, startMs: sent - started, latencyMs: performance.now() - sent });
    }
  };
  try {
    await Promise.all(Array.from({ length: load.connections }, (_, i) => client(i)));
  } finally {
    agent.destroy();
  }
  return answers;
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN);

export type LoadSummary = {
  requests: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Answers outside 2xx/3xx, by status. */
  failedByStatus: Record<string, number>;
  errors: number;
  timeouts: number;
};

export function summarizeAnswers(answers: Answer[], seconds: number): LoadSummary {
  const latencies = answers.map((a) => a.latencyMs).sort((a, b) => a - b);
  const failedByStatus: Record<string, number> = {};
  for (const a of answers) if (a.outcome === 'answer' && (a.status < 200 || a.status >= 400)) failedByStatus[a.status] = (failedByStatus[a.status] ?? 0) + 1;
  return {
    requests: answers.length,
    perSecond: answers.length / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies.at(-1) ?? NaN,
    failedByStatus,
    errors: answers.filter((a) => a.outcome === 'error').length,
    timeouts: answers.filter((a) => a.outcome === 'timeout').length,
  };
}
