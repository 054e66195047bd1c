/**
 * Checks `.vercel/output` (the Build Output API that `vercel build` writes and Vercel deploys)
 * against the project: a function for every route and page, on a Node.js the app supports, the
 * `maxDuration` vercel.json sets, and the crons vercel.json declares. What `next build` alone
 * cannot show: vercel.json is only read by Vercel's builder.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { functionNameOf, routeOfFunctionPattern } from './find-app-routes';

export type Cron = { path: string; schedule: string };
export type VercelJson = { regions?: string[]; crons?: Cron[]; functions?: Record<string, { maxDuration?: number }> };
export type FunctionConfig = { runtime?: string; maxDuration?: number };
export type BuildCheck = { problems: string[]; checked: string[] };

const readJson = <T>(file: string): T | null => (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : null);
const sortedCrons = (crons: Cron[]) => JSON.stringify([...crons].sort((a, b) => a.path.localeCompare(b.path)).map(({ path, schedule }) => ({ path, schedule })));

/** `.vc-config.json` of the route's function (symlinked functions share one config). */
export function readFunctionConfig(outputDir: string, route: string): FunctionConfig | null {
  return readJson<FunctionConfig>(path.join(outputDir, 'functions', `${functionNameOf(route)}.func`, '.vc-config.json'));
}

function checkFunctions(outputDir: string, routes: string[], minNodeMajor: number, result: BuildCheck): void {
  for (const route of routes) {
    const config = readFunctionConfig(outputDir, route);
    if (!config) {
      result.problems.push(`${route}: no function (functions/${functionNameOf(route)}.func/.vc-config.json is missing)`);
      continue;
    }
    const major = Number(config.runtime?.match(/^nodejs(\d+)\.x$/)?.[1] ?? NaN);
    if (!(major >= minNodeMajor)) result.problems.push(`${route}: runtime ${config.runtime ?? 'unset'}, the app needs Node.js ≥ ${minNodeMajor}`);
  }
  result.checked.push(`${routes.length} routes have a function (Node.js ≥ ${minNodeMajor})`);
}

function checkDurations(outputDir: string, vercel: VercelJson, result: BuildCheck): void {
  for (const [pattern, { maxDuration }] of Object.entries(vercel.functions ?? {})) {
    const route = routeOfFunctionPattern(pattern);
    if (route === null) {
      result.problems.push(`vercel.json functions "${pattern}": not one route file, which this check cannot map to a function`);
      continue;
    }
    const actual = readFunctionConfig(outputDir, route)?.maxDuration;
    if (actual !== maxDuration) result.problems.push(`${route}: maxDuration ${actual ?? 'unset'} in the build, ${maxDuration ?? 'unset'} in vercel.json`);
    else result.checked.push(`${route}: maxDuration ${actual} s`);
  }
}

function checkCrons(outputDir: string, vercel: VercelJson, routes: string[], result: BuildCheck): void {
  const config = readJson<{ crons?: Cron[] }>(path.join(outputDir, 'config.json'));
  if (!config) {
    result.problems.push('config.json is missing from the build output');
    return;
  }
  const expected = vercel.crons ?? [];
  const built = config.crons ?? [];
  if (sortedCrons(built) !== sortedCrons(expected))
    result.problems.push(`crons in the build ${JSON.stringify(built)} differ from vercel.json ${JSON.stringify(expected)}`);
  else result.checked.push(`config.json crons = vercel.json: ${expected.map((c) => `${c.path} "${c.schedule}"`).join(', ')}`);
  for (const cron of expected)
    if (!routes.includes(cron.path.split('?')[0]!)) result.problems.push(`cron ${cron.path}: no such route in app/`);
}

export function checkBuildOutput(options: { outputDir: string; vercel: VercelJson; routes: string[]; minNodeMajor: number }): BuildCheck {
  const result: BuildCheck = { problems: [], checked: [] };
  if (!existsSync(options.outputDir)) return { problems: [`${options.outputDir} does not exist: vercel build wrote nothing`], checked: [] };
  checkFunctions(options.outputDir, options.routes, options.minNodeMajor, result);
  checkDurations(options.outputDir, options.vercel, result);
  checkCrons(options.outputDir, options.vercel, options.routes, result);
  return result;
}
