/**
 * The production app as a process, for the browser tests, the HTTP header tests and the bench:
 * `next build` (serialized with the machine-wide build lock every build here takes) and
 * `next start -H 127.0.0.1` on a free port, with the node flags `npm start` gives it (package.json),
 * stopped with its whole process group (next start may fork the server it runs).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NEXT_BIN = path.join(ROOT, 'node_modules/next/dist/bin/next');
const BUILD_LOCK = '/tmp/next-build.lock';
/** What a build is made of; a newer file here means `.next` is stale (public/ is read at start, not built). */
const SOURCES = ['app', 'lib', 'next.config.mjs', 'proxy.ts', 'instrumentation.ts', 'package.json', 'tsconfig.json'];

/**
 * The node flags of package.json's `start` script (`node <flags> node_modules/next/dist/bin/next start`):
 * every server the tests, the bench and the load run start is the one `npm start` runs.
 */
export function startScriptNodeFlags(): string[] {
  const start = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  const words = start.trim().split(/\s+/);
  const bin = words.indexOf('node_modules/next/dist/bin/next');
  if (words[0] !== 'node' || bin < 0 || words[bin + 1] !== 'start') throw new Error(`package.json's start script is not "node <flags> node_modules/next/dist/bin/next start": ${start}`);
  return words.slice(1, bin);
}

export const isBuilt = () => existsSync(path.join(ROOT, '.next/BUILD_ID'));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function newestMtimeMs(file: string): number {
  if (!existsSync(file)) return 0;
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(file).reduce((n, name) => Math.max(n, newestMtimeMs(path.join(file, name))), stat.mtimeMs);
}

/** Why a build is needed, or null when `.next/BUILD_ID` is newer than every source file. */
export function staleBuildReason(): string | null {
  if (!isBuilt()) return 'no .next/BUILD_ID';
  const built = statSync(path.join(ROOT, '.next/BUILD_ID')).mtimeMs;
  const newer = SOURCES.find((s) => newestMtimeMs(path.join(ROOT, s)) > built);
  return newer ? `${newer} changed after the last build` : null;
}

export function buildNext(log: (line: string) => void = () => {}): void {
  const useLock = existsSync('/usr/bin/flock');
  const [cmd, args] = useLock ? ['flock', [BUILD_LOCK, process.execPath, NEXT_BIN, 'build']] : [process.execPath, [NEXT_BIN, 'build']];
  log(`  next build${useLock ? ` (waiting for ${BUILD_LOCK})` : ''}…`);
  const result = spawnSync(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status}): ${String(result.stderr).slice(-2000)}`);
}

/** Builds when `.next` is missing or older than a source file, so a test never runs a stale app. */
export function ensureFreshBuild(log: (line: string) => void = () => {}): void {
  const reason = staleBuildReason();
  if (!reason) return;
  log(`  rebuilding: ${reason}`);
  buildNext(log);
}

export type RunningNext = { url: string; pid: number; stop(): Promise<void>; output(): string };

/**
 * Starts `next start` with exactly `env` (plus production settings) and waits until `readyPath`
 * answers below 500.
 */
export async function startNext(
  env: Record<string, string | undefined>,
  options: { port?: number; readyPath?: string; /** Instead of `npm start`'s (startScriptNodeFlags). */ nodeFlags?: string[] } = {},
): Promise<RunningNext> {
  const port = options.port ?? (await freePort());
  const child: ChildProcess = spawn(process.execPath, [...(options.nodeFlags ?? startScriptNodeFlags()), NEXT_BIN, 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: ROOT,
    env: { ...env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so the server it forks stops with it
  });
  let log = '';
  child.stdout!.on('data', (d) => (log = (log + d).slice(-20_000)));
  child.stderr!.on('data', (d) => (log = (log + d).slice(-20_000)));
  const url = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      const signal = (s: NodeJS.Signals) => {
        try {
          process.kill(-child.pid!, s);
        } catch {
          child.kill(s);
        }
      };
      signal('SIGTERM');
      setTimeout(() => signal('SIGKILL'), 5000).unref();
    });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}):\n${log}`);
    try {
      if ((await fetch(`${url}${options.readyPath ?? '/api/categories'}`)).status < 500) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`next start did not answer within 60 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, pid: child.pid!, stop, output: () => log };
}
