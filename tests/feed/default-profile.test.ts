import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnvError, getEnv } from '../../lib/env';
import { buildDefaultProfile } from '../../lib/select/default-profile';

const build = (source: Record<string, string>) => buildDefaultProfile(getEnv(source), source);

describe('buildDefaultProfile', () => {
  it('loads the seed bot configuration when nothing is set', () => {
    const p = build({});
    expect(p.categories).toEqual(['cs.AI', 'cs.CL', 'cs.DC', 'cs.LG']);
    expect(p.keywords).toHaveLength(30);
    expect(p.keywords.slice(0, 3)).toEqual(['LLM', 'RL', 'RLHF']);
    expect(p.exclude).toEqual(['survey', 'review', 'tutorial']);
    expect(p).toMatchObject({ min_score: 0, limit: 50, days: 1, types: ['new', 'cross'] });
  });

  it('lets env variables that are set override the file', () => {
    const p = build({
      ARXIV_CATEGORIES: 'cs.LG,quant-ph',
      DEFAULT_KEYWORDS: 'moe,kv cache',
      DEFAULT_EXCLUDE: 'benchmark',
      DEFAULT_AUTHORS: 'Hinton',
      DEFAULT_MIN_SCORE: '2',
      DEFAULT_LIMIT: '20',
    });
    expect(p).toMatchObject({
      categories: ['cs.LG', 'quant-ph'],
      keywords: ['moe', 'kv cache'],
      exclude: ['benchmark'],
      authors: ['Hinton'],
      min_score: 2,
      limit: 20,
    });
  });

  it('reads PROFILE_CONFIG instead of the seed file; categories fall back to ARXIV_CATEGORIES', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'af-profile-')), 'p.json');
    writeFileSync(file, JSON.stringify({ keywords: ['diffusion'], days: 3, types: ['new'] }));
    const p = build({ PROFILE_CONFIG: file });
    expect(p).toMatchObject({ categories: ['cs.AI', 'cs.CL', 'cs.DC', 'cs.LG'], keywords: ['diffusion'], days: 3, types: ['new'], exclude: [] });
  });

  it('fails naming the problem for a bad or unreadable file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'af-profile-'));
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ keywords: ['x'], limit: 9999 }));
    expect(() => build({ PROFILE_CONFIG: bad })).toThrow(EnvError);
    expect(() => build({ PROFILE_CONFIG: bad })).toThrow(/limit/);
    const typo = path.join(dir, 'typo.json');
    writeFileSync(typo, JSON.stringify({ keyword: ['x'] }));
    expect(() => build({ PROFILE_CONFIG: typo })).toThrow(/PROFILE_CONFIG.*keyword/);
    expect(() => build({ PROFILE_CONFIG: path.join(dir, 'missing.json') })).toThrow(/PROFILE_CONFIG: cannot read/);
  });

  it('rejects an unknown category in the env override', () => {
    expect(() => build({ ARXIV_CATEGORIES: 'cs.NOPE' })).toThrow(/categories/);
  });
});
