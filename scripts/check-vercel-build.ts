/**
 * What Vercel would deploy, checked offline: runs the pinned `vercel build` (Vercel's own builder,
 * which reads vercel.json; `next build` does not) and checks `.vercel/output`. Run by `.ci/run`
 * after `next build`; takes about a minute.
 *
 * `vercel build` needs a linked project, but only its settings: without `.vercel/project.json`
 * (a fresh clone; `.vercel` is gitignored) a placeholder one is written, with an empty install
 * command so the builder uses node_modules as `npm ci` left them instead of running `npm install`.
 *
 * Usage: tsx scripts/check-vercel-build.ts [--skip-build]   (--skip-build checks an existing output)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkBuildOutput, type VercelJson } from './vercel-build/check-build-output';
import { findAppRoutes } from './vercel-build/find-app-routes';

const root = path.resolve(import.meta.dirname, '..');
const PROJECT_FILE = path.join(root, '.vercel', 'project.json');
const LOCAL_PROJECT = { projectId: 'prj_local_build_check', orgId: 'team_local_build_check', settings: { framework: 'nextjs', installCommand: '' } };

function ensureProjectFile(): void {
  if (existsSync(PROJECT_FILE)) return;
  mkdirSync(path.dirname(PROJECT_FILE), { recursive: true });
  writeFileSync(PROJECT_FILE, `${JSON.stringify(LOCAL_PROJECT, null, 2)}\n`);
  console.log(`check-vercel-build: wrote ${path.relative(root, PROJECT_FILE)} (a local placeholder project)`);
}

function runVercelBuild(): void {
  // --no-install: the devDependency or nothing, never a download of whatever version is newest.
  const run = spawnSync('npx', ['--no-install', 'vercel', 'build', '--yes'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', VERCEL_TELEMETRY_DISABLED: '1', NO_UPDATE_NOTIFIER: '1' },
  });
  if (run.status !== 0) throw new Error(`vercel build failed (exit ${run.status ?? run.signal})`);
}

/** The major of `engines.node` (`>=22.12` → 22): the oldest runtime a function may get. */
function minNodeMajor(): number {
  const engines = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { engines?: { node?: string } }).engines?.node ?? '';
  return Number(engines.match(/(\d+)/)?.[1] ?? 0);
}

function main(): number {
  ensureProjectFile();
  if (!process.argv.includes('--skip-build')) runVercelBuild();
  const vercel = JSON.parse(readFileSync(path.join(root, 'vercel.json'), 'utf8')) as VercelJson;
  const { problems, checked } = checkBuildOutput({
    outputDir: path.join(root, '.vercel', 'output'),
    vercel,
    routes: findAppRoutes(path.join(root, 'app')),
    minNodeMajor: minNodeMajor(),
  });
  for (const line of checked) console.log(`check-vercel-build: ok   ${line}`);
  for (const line of problems) console.error(`check-vercel-build: FAIL ${line}`);
  return problems.length ? 1 : 0;
}

process.exitCode = main();
