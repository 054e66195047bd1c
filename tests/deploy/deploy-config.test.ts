/**
 * The deploy contract: .env.example lists every variable lib/env.ts reads (and nothing else),
 * vercel.json stays within the Hobby plan (≤ 2 crons, each once a day) with schedules after
 * arXiv's RSS rebuild and pins the region next to Upstash's default, and the README's Deploy
 * button asks only for what is required.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnvSchema, getEnv, PLATFORM_VARIABLES } from '../../lib/env';

const root = path.resolve(import.meta.dirname, '../..');
const envExample = readFileSync(path.join(root, '.env.example'), 'utf8');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const vercel = JSON.parse(readFileSync(path.join(root, 'vercel.json'), 'utf8')) as {
  regions?: string[];
  crons: { path: string; schedule: string }[];
  functions: Record<string, { maxDuration: number }>;
};

const exampleKeys = [...envExample.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!);

describe('.env.example', () => {
  it('lists every variable of the env schema exactly once, and no other (the platform\'s own aside)', () => {
    const platform = new Set<string>(PLATFORM_VARIABLES);
    expect([...exampleKeys].sort()).toEqual(Object.keys(EnvSchema.shape).filter((k) => !platform.has(k)).sort());
    expect(new Set(exampleKeys).size).toBe(exampleKeys.length);
  });

  it('parses as-is (all empty = all defaults), so copying it never breaks start-up', () => {
    const values = Object.fromEntries(exampleKeys.map((k) => [k, '']));
    expect(() => getEnv(values)).not.toThrow();
  });

  it('carries no secret values', () => {
    expect(envExample).not.toMatch(/^(CRON_SECRET|OPENAI_API_KEY|KV_REST_API_TOKEN|UPSTASH_REDIS_REST_TOKEN|REDIS_URL)=\S/m);
  });
});

describe('vercel.json', () => {
  const parse = (schedule: string) => {
    const [minute, hour, dom, month, dow] = schedule.split(' ');
    return { minute: Number(minute), hour: Number(hour), dom, month, dow };
  };

  it('has the two daily crons (Hobby: at most 2, each at most once a day, on weekdays)', () => {
    expect(vercel.crons.map((c) => c.path).sort()).toEqual(['/api/cron/ingest', '/api/cron/summarize']);
    for (const { schedule } of vercel.crons) {
      const s = parse(schedule);
      expect(Number.isInteger(s.minute) && Number.isInteger(s.hour), schedule).toBe(true); // one fixed time a day
      expect([s.dom, s.month, s.dow]).toEqual(['*', '*', '1-5']);
    }
  });

  it('ingests after arXiv rebuilds its RSS (05:00 UTC) even when Hobby fires at the start of the hour, then summarizes', () => {
    const ingest = parse(vercel.crons.find((c) => c.path === '/api/cron/ingest')!.schedule);
    const summarize = parse(vercel.crons.find((c) => c.path === '/api/cron/summarize')!.schedule);
    expect(ingest.hour).toBeGreaterThanOrEqual(6);
    expect(summarize.hour).toBeGreaterThan(ingest.hour);
  });

  it('sets maxDuration for both cron routes within the Hobby limit', () => {
    expect(Object.keys(vercel.functions).sort()).toEqual(['app/api/cron/ingest/route.ts', 'app/api/cron/summarize/route.ts']);
    for (const fn of Object.values(vercel.functions)) expect(fn.maxDuration).toBeLessThanOrEqual(60);
  });

  // Vercel fails the build when a `functions` pattern matches no route.
  it('every functions pattern names an existing route file', () => {
    for (const file of Object.keys(vercel.functions)) expect(existsSync(path.join(root, file)), file).toBe(true);
  });
});

describe('the Deploy button', () => {
  const href = readme.match(/\[!\[Deploy with Vercel\]\(https:\/\/vercel\.com\/button\)\]\((https:\/\/vercel\.com\/new\/clone\?[^)\s]+)\)/)?.[1];
  const params = new URL(href ?? 'https://invalid.example').searchParams;

  it('requires CRON_SECRET only: summaries are optional', () => {
    expect(href).toBeDefined();
    expect(params.get('env')).toBe('CRON_SECRET');
    expect(params.get('envDefaults')).toBeNull(); // defaults only apply to listed variables
  });

  it('describes the optional summary variables instead of requiring them', () => {
    const description = params.get('envDescription') ?? '';
    expect(description).toMatch(/^CRON_SECRET: /);
    expect(description).toMatch(/Optional.*OPENAI_API_KEY/);
  });

  it('attaches the Upstash storage integration', () => {
    expect(JSON.parse(params.get('products') ?? '[]')).toEqual([{ type: 'integration', protocol: 'storage', productSlug: 'upstash-kv', integrationSlug: 'upstash' }]);
  });
});

describe('vercel.json region', () => {
  it("pins the functions to iad1, Upstash's default region us-east-1, as the README says", () => {
    expect(vercel.regions).toEqual(['iad1']);
    expect(readme).toContain('"regions": ["iad1"]');
    expect(readme).toMatch(/iad1[^\n]*\n?[^\n]*us-east-1/);
  });
});
