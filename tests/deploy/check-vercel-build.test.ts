/**
 * The `vercel build` output check (scripts/check-vercel-build.ts) against hand-made Build Output
 * API folders: each kind of drift it exists to catch is reported, naming the route.
 */
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkBuildOutput, type VercelJson } from '../../scripts/vercel-build/check-build-output';
import { findAppRoutes, routeOfFunctionPattern } from '../../scripts/vercel-build/find-app-routes';
import { tempDir } from '../helpers/temp-env';

const root = path.resolve(import.meta.dirname, '../..');
const CRONS = [
  { path: '/api/cron/ingest', schedule: '15 6 * * 1-5' },
  { path: '/api/cron/summarize', schedule: '15 7 * * 1-5' },
];
const VERCEL: VercelJson = {
  crons: CRONS,
  functions: { 'app/api/cron/ingest/route.ts': { maxDuration: 60 }, 'app/api/cron/summarize/route.ts': { maxDuration: 60 } },
};
const ROUTES = ['/', '/api/cron/ingest', '/api/cron/summarize', '/api/feed', '/day/[date]'];

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

/** A build output as vercel build writes it: grouped functions are symlinks to one folder. */
function makeOutput(options: { crons?: unknown; skip?: string[]; maxDuration?: number; runtime?: string } = {}): string {
  const out = tempDir('af-vc-out-');
  dirs.push(out);
  writeFileSync(path.join(out, 'config.json'), JSON.stringify({ version: 3, crons: options.crons ?? CRONS }));
  const fn = (name: string, config: object) => {
    mkdirSync(path.join(out, 'functions', path.dirname(name)), { recursive: true });
    mkdirSync(path.join(out, 'functions', `${name}.func`));
    writeFileSync(path.join(out, 'functions', `${name}.func`, '.vc-config.json'), JSON.stringify({ runtime: options.runtime ?? 'nodejs24.x', ...config }));
  };
  fn('api/cron/ingest', { maxDuration: options.maxDuration ?? 60 });
  symlinkSync('ingest.func', path.join(out, 'functions', 'api/cron/summarize.func'));
  if (!options.skip?.includes('/api/feed')) symlinkSync('cron/ingest.func', path.join(out, 'functions', 'api/feed.func'));
  fn('_not-found', {});
  if (!options.skip?.includes('/')) symlinkSync('_not-found.func', path.join(out, 'functions', 'index.func'));
  mkdirSync(path.join(out, 'functions', 'day'), { recursive: true });
  symlinkSync('../_not-found.func', path.join(out, 'functions', 'day/[date].func'));
  return out;
}

const check = (outputDir: string, vercel = VERCEL) => checkBuildOutput({ outputDir, vercel, routes: ROUTES, minNodeMajor: 22 });

describe('checkBuildOutput', () => {
  it('passes an output that matches (symlinked, grouped functions included)', () => {
    const result = check(makeOutput());
    expect(result.problems).toEqual([]);
    expect(result.checked).toContain('/api/cron/ingest: maxDuration 60 s');
  });

  it('names a route without a function', () => {
    expect(check(makeOutput({ skip: ['/api/feed', '/'] })).problems).toEqual([
      '/: no function (functions/index.func/.vc-config.json is missing)',
      '/api/feed: no function (functions/api/feed.func/.vc-config.json is missing)',
    ]);
  });

  it('names a cron route whose maxDuration is not what vercel.json says', () => {
    expect(check(makeOutput({ maxDuration: 10 })).problems).toEqual([
      '/api/cron/ingest: maxDuration 10 in the build, 60 in vercel.json',
      '/api/cron/summarize: maxDuration 10 in the build, 60 in vercel.json',
    ]);
  });

  it('reports crons that differ from vercel.json, and a cron path with no route', () => {
    const problems = check(makeOutput({ crons: [CRONS[0]] })).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^crons in the build .* differ from vercel\.json/);
    const typo = { ...VERCEL, crons: [...CRONS.slice(0, 1), { path: '/api/cron/summarise', schedule: '15 7 * * 1-5' }] };
    expect(check(makeOutput({ crons: typo.crons }), typo).problems).toEqual(['cron /api/cron/summarise: no such route in app/']);
  });

  it('refuses a runtime older than engines.node, a glob it cannot map, and a missing output', () => {
    expect(check(makeOutput({ runtime: 'nodejs20.x' })).problems[0]).toBe('/: runtime nodejs20.x, the app needs Node.js ≥ 22');
    expect(check(makeOutput(), { ...VERCEL, functions: { 'app/api/**/*.ts': { maxDuration: 60 } } }).problems).toEqual([
      'vercel.json functions "app/api/**/*.ts": not one route file, which this check cannot map to a function',
    ]);
    expect(check('/nonexistent/output').problems).toEqual(['/nonexistent/output does not exist: vercel build wrote nothing']);
  });
});

describe('findAppRoutes', () => {
  it("lists this app's routes and pages, not its private folders", () => {
    const routes = findAppRoutes(path.join(root, 'app'));
    expect(routes).toEqual(expect.arrayContaining(['/', '/api/feed', '/api/feed/[token]', '/api/cron/ingest', '/api/profiles/[token]/feedback', '/day/[date]']));
    expect(routes.filter((r) => r.includes('/_'))).toEqual([]);
  });

  it('maps vercel.json function patterns to routes', () => {
    expect(routeOfFunctionPattern('app/api/cron/ingest/route.ts')).toBe('/api/cron/ingest');
    expect(routeOfFunctionPattern('app/(site)/page.tsx')).toBe('/');
    expect(routeOfFunctionPattern('app/api/**/*.ts')).toBeNull();
  });
});
