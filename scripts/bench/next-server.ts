/**
 * The production server under load: `next build` only when the build is older than the sources
 * (serialized with the machine-wide build lock), then `next start -H 127.0.0.1` on a free port with
 * the env the bench gives it. Exposes the server's pid so memory can be read from /proc.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

const BUILD_LOCK = '/tmp/next-build.lock';
/** What a build is made of; a newer file here means `.next` is stale (public/ is read at start, not built). */
const SOURCES = ['app', 'lib', 'next.config.mjs', 'proxy.ts', 'instrumentation.ts', 'package.json', 'tsconfig.json'];

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
export function staleBuildReason(root: string, ignore: string[] = []): string | null {
  const buildId = path.join(root, '.next/BUILD_ID');
  if (!existsSync(buildId)) return 'no .next/BUILD_ID';
  const built = statSync(buildId).mtimeMs;
  const newer = SOURCES.filter((s) => !ignore.includes(s)).find((s) => newestMtimeMs(path.join(root, s)) > built);
  return newer ? `${newer} changed after the last build` : null;
}

export function buildNext(root: string, log: (l: string) => void): void {
  const nextBin = path.join(root, 'node_modules/next/dist/bin/next');
  const useLock = existsSync('/usr/bin/flock');
  const [cmd, args] = useLock ? ['flock', [BUILD_LOCK, process.execPath, nextBin, 'build']] : [process.execPath, [nextBin, 'build']];
  log(`  next build${useLock ? ` (waiting for ${BUILD_LOCK})` : ''}…`);
  const result = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status}): ${String(result.stderr).slice(-2000)}`);
}

export type RunningNext = { url: string; pid: number; stop(): Promise<void>; output(): string };

export async function startNext(root: string, port: number, env: Record<string, string>): Promise<RunningNext> {
  const nextBin = path.join(root, 'node_modules/next/dist/bin/next');
  const child: ChildProcess = spawn(process.execPath, [nextBin, 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: root,
    env: { ...env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (d) => (log = (log + d).slice(-20_000)));
  child.stderr!.on('data', (d) => (log = (log + d).slice(-20_000)));
  const url = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}):\n${log}`);
    try {
      if ((await fetch(`${url}/api/categories`)).status < 500) break;
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
