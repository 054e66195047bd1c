/**
 * Every `curl` command in README.md, run: read as bash reads it (tests/helpers/shell-words.ts),
 * turned into the request curl would send (tests/helpers/curl-request.ts), and answered by the
 * route handler its path names, in process, on a temp store with one stored day. A block is one
 * shell session: `NAME=value` and `NAME=$(curl … | node -pe '…')` set variables for the lines
 * after it (the filter runs in a real `node`). A README example that curl would refuse, that bash
 * would read as a redirection, or that a route answers with an error fails here.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as categories from '../../app/api/categories/route';
import * as cronIngest from '../../app/api/cron/ingest/route';
import * as cronSummarize from '../../app/api/cron/summarize/route';
import * as feed from '../../app/api/feed/route';
import * as tokenFeed from '../../app/api/feed/[token]/route';
import * as health from '../../app/api/health/route';
import * as opml from '../../app/api/opml/route';
import * as profiles from '../../app/api/profiles/route';
import * as profile from '../../app/api/profiles/[token]/route';
import * as feedback from '../../app/api/profiles/[token]/feedback/route';
import { curlToRequest } from '../helpers/curl-request';
import { shellWords, type ShellToken } from '../helpers/shell-words';
import { storeSeedDay, useProfileEnv } from '../profiles/profile-env';

const README = readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');

type Handler = (request: Request, context: { params: Promise<{ token: string }> }) => Promise<Response>;
type RouteModule = Partial<Record<'GET' | 'POST' | 'PUT' | 'DELETE', Handler>>;
const ROUTES: [RegExp, RouteModule][] = [
  [/^\/api\/feed$/, feed as RouteModule],
  [/^\/api\/feed\/(?<token>[^/]+)$/, tokenFeed as RouteModule],
  [/^\/api\/categories$/, categories as RouteModule],
  [/^\/api\/profiles$/, profiles as RouteModule],
  [/^\/api\/profiles\/(?<token>[^/]+)$/, profile as RouteModule],
  [/^\/api\/profiles\/(?<token>[^/]+)\/feedback$/, feedback as RouteModule],
  [/^\/api\/opml$/, opml as RouteModule],
  [/^\/api\/cron\/ingest$/, cronIngest as RouteModule],
  [/^\/api\/cron\/summarize$/, cronSummarize as RouteModule],
  [/^\/api\/health$/, health as RouteModule],
];

/** What the README's reader has in their shell: a CRON_SECRET that the test's server does not share. */
const SHELL_VARIABLES = { CRON_SECRET: 'the-readers-secret' };

async function dispatch(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  for (const [pattern, module] of ROUTES) {
    const m = pattern.exec(pathname);
    if (!m) continue;
    const handler = module[request.method as keyof RouteModule];
    if (!handler) throw new Error(`${pathname} has no ${request.method} handler`);
    return handler(request, { params: Promise.resolve({ token: m.groups?.token ?? '' }) });
  }
  throw new Error(`no route for ${pathname}`);
}

type Command = { line: number; text: string; cron: boolean };

/** Logical lines (backslash-newline joined) of the fenced shell and crontab blocks, by block. */
function shellBlocks(markdown: string): Command[][] {
  const blocks: Command[][] = [];
  for (const m of markdown.matchAll(/^```(bash|sh|shell|cron)\n([\s\S]*?)^```$/gm)) {
    const startLine = markdown.slice(0, m.index).split('\n').length + 1;
    const lines: Command[] = [];
    let pending: Command | null = null;
    m[2]!.split('\n').forEach((raw, k) => {
      const command: Command = pending ? { ...pending, text: `${pending.text}\n${raw}` } : { line: startLine + k, text: raw, cron: m[1] === 'cron' };
      pending = /(^|[^\\])\\$/.test(raw) ? command : null;
      if (!pending) lines.push(command);
    });
    blocks.push(lines);
  }
  return blocks;
}

const words = (tokens: ShellToken[]) => tokens.map((t) => ('op' in t ? `operator ${t.op}` : t.word));

type Ran = { line: number; url: string; status: number; body: string };

/** Runs one `curl …` (tokens from `curl` on); an operator in it means bash would do something else. */
async function runCurl(tokens: ShellToken[], line: number): Promise<Ran> {
  const op = tokens.find((t) => 'op' in t);
  if (op) throw new Error(`README line ${line}: bash reads "${(op as { op: string }).op}" as an operator, not as part of the command: ${words(tokens).join(' ')}`);
  const { request, url } = curlToRequest(tokens.map((t) => (t as { word: string }).word));
  const response = await dispatch(request);
  return { line, url, status: response.status, body: await response.text() };
}

/** `NAME=$(curl … | node -pe '…')`: the curl answer through the real node filter. */
async function runSubstitution(inner: string, vars: Record<string, string>, line: number): Promise<{ value: string; ran: Ran }> {
  const tokens = shellWords(inner, vars);
  const pipe = tokens.findIndex((t) => 'op' in t && t.op === '|');
  const ran = await runCurl(pipe < 0 ? tokens : tokens.slice(0, pipe), line);
  if (pipe < 0) return { value: ran.body.trim(), ran };
  const filter = words(tokens.slice(pipe + 1));
  if (filter[0] !== 'node') throw new Error(`README line ${line}: only a node filter is supported after |, got ${filter.join(' ')}`);
  const out = spawnSync(process.execPath, filter.slice(1), { input: ran.body, encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`README line ${line}: ${filter.join(' ')} failed on ${ran.body.slice(0, 200)}: ${out.stderr}`);
  return { value: out.stdout.trim(), ran };
}

async function runReadme(markdown: string): Promise<Ran[]> {
  const ran: Ran[] = [];
  for (const block of shellBlocks(markdown)) {
    const vars: Record<string, string> = { ...SHELL_VARIABLES };
    for (const { line, text, cron } of block) {
      // A crontab line starts with five schedule fields; a variable line is `NAME=value`.
      const command = cron ? text.replace(/^\s*(\S+\s+){5}(?=curl\s)/, '') : text;
      const substitution = /^([A-Za-z_]\w*)=\$\(([\s\S]*)\)\s*(#.*)?$/.exec(command.trim());
      if (substitution) {
        const { value, ran: r } = await runSubstitution(substitution[2]!, vars, line);
        vars[substitution[1]!] = value;
        ran.push(r);
        continue;
      }
      if (!/(^|\s)curl\s/.test(command)) {
        const assignment = /^([A-Za-z_]\w*)=(\S*)$/.exec(command.trim());
        if (assignment) vars[assignment[1]!] = (shellWords(assignment[2]!, vars)[0] as { word: string } | undefined)?.word ?? '';
        continue;
      }
      const tokens = shellWords(command, vars);
      const first = tokens[0];
      if (!first || !('word' in first) || first.word !== 'curl') throw new Error(`README line ${line}: curl must start the command: ${command}`);
      ran.push(await runCurl(tokens, line));
    }
  }
  return ran;
}

describe('README curl examples', () => {
  let run: Promise<Ran[]>;
  let ran: Ran[] = [];
  beforeAll(async () => {
    await useProfileEnv();
    await storeSeedDay();
    run = runReadme(README);
    // Kept for the tests to report: a hook's error would only show them as skipped.
    ran = await run.catch(() => []);
  });

  it('runs them all: each is a command bash and curl accept', async () => {
    await expect(run).resolves.toBeDefined();
  });

  it('finds every curl command of the README\'s code blocks, whatever their language', () => {
    const code = [...README.matchAll(/^```.*\n([\s\S]*?)^```$/gm)].map((m) => m[1]!).join('\n');
    const mentioned = code.split('\n').filter((l) => /(^|[\s(])curl\s/.test(l)).length;
    expect(ran.length).toBeGreaterThanOrEqual(10);
    // A `TOKEN=$(curl …` line counts once, like a plain one.
    expect(ran).toHaveLength(mentioned);
  });

  it('each one is answered without an error (the cron routes refuse a secret the server does not have)', () => {
    for (const r of ran) {
      const cron = new URL(r.url).pathname.startsWith('/api/cron/');
      if (cron) expect(r.status, `README line ${r.line}: ${r.url}`).toBe(401);
      else expect(r.status, `README line ${r.line}: ${r.url} answered ${r.body.slice(0, 300)}`).toBeLessThan(300);
    }
  });

  it('the feed examples carry papers', () => {
    const feeds = ran.filter((r) => new URL(r.url).pathname.startsWith('/api/feed'));
    expect(feeds.length).toBeGreaterThanOrEqual(3);
    for (const r of feeds) expect(r.body, `README line ${r.line}`).toMatch(/arxiv\.org\/abs\//);
  });
});

describe('the runner refuses what curl or bash would refuse', () => {
  beforeAll(async () => {
    await useProfileEnv();
  });

  it.each([
    ['a raw space (curl: (3) URL using bad/illegal format)', `curl 'http://localhost:3000/api/feed?cats=cs.LG&q=llm,"kv cache"'`, /outside RFC 3986/],
    ['a placeholder in angle brackets (a redirection)', 'curl http://localhost:3000/api/profiles/<token>', /operator/],
    ['an unquoted ? (a glob)', 'curl http://localhost:3000/api/feed?cats=cs.LG', /glob/],
    ['an unknown option', "curl --compressed 'http://localhost:3000/api/categories'", /unknown curl option/],
  ])('%s', async (_, line, error) => {
    await expect(runReadme(`\`\`\`bash\n${line}\n\`\`\`\n`)).rejects.toThrow(error);
  });

  it('-G --data-urlencode builds the URL curl 7.88 builds (its %{url_effective})', async () => {
    const [r] = await runReadme("```bash\ncurl -G 'http://localhost:3000/api/feed' --data-urlencode 'cats=cs.LG,cs.CL' --data-urlencode 'q=llm,\"kv cache\"'\n```\n");
    expect(r!.url).toBe('http://localhost:3000/api/feed?cats=cs.LG%2ccs.CL&q=llm%2c%22kv+cache%22');
  });

  it('an example a route refuses is reported with its status', async () => {
    const [r] = await runReadme("```bash\ncurl -X PUT 'http://localhost:3000/api/profiles/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' -d '{…}'\n```\n");
    expect(r!.status).toBe(400);
  });
});
