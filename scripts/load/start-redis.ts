/**
 * A private, throwaway `redis-server` on 127.0.0.1 (no persistence) as a child process, which the
 * load run can pause (SIGSTOP: the port stays open, nothing answers — a hung store, not a down one)
 * and resume.
 */
import { spawn } from 'node:child_process';
import { createConnection } from 'node:net';

export type PrivateRedis = { url: string; pid: number; pause(): void; resume(): void; stop(): Promise<void> };

const canConnect = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });

export async function startRedis(port: number): Promise<PrivateRedis> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-2000)));
  const signal = (s: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(s);
  };
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      signal('SIGCONT'); // a stopped process only acts on SIGKILL; resume it so SIGTERM works
      signal('SIGTERM');
      setTimeout(() => signal('SIGKILL'), 3000).unref();
    });
  const deadline = Date.now() + 10_000;
  while (!(await canConnect(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`redis-server on port ${port} did not start (exit ${child.exitCode}): ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url: `redis://127.0.0.1:${port}`, pid: child.pid!, pause: () => signal('SIGSTOP'), resume: () => signal('SIGCONT'), stop };
}
