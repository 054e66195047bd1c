/**
 * Next.js calls register() once when a server instance starts. On a first start with an empty store
 * it starts an ingest in the background (not awaited): only in the Node.js runtime, never during
 * `next build`, and not when DISABLE_AUTO_INGEST is set or on a serverless host (both checked inside
 * startAutoIngest). It also installs the TRACE guard (lib/http/refuse-trace.ts): Next.js cannot
 * answer that method itself.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { installTraceGuard } = await import('./lib/http/refuse-trace');
  installTraceGuard();
  const { startAutoIngest } = await import('./lib/jobs/ingest/start-auto-ingest');
  void startAutoIngest();
}
