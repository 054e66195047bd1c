/**
 * A summarize run logs a handful of lines, not one per candidate (a run once wrote 80,050): what
 * is wanted, a progress line every PROGRESS_EVERY calls, one result line, and one line per kind of
 * failure with its count. Retries are counted; only the first few are logged.
 */
import { describe, expect, it } from 'vitest';
import { PROGRESS_EVERY } from '../../lib/jobs/summarize/process-list';
import { runSummarize } from '../../lib/jobs/summarize/run-summarize';
import type { Clock } from '../../lib/summarize/llm-retry';
import { NOW, setupSummarize } from './summarize-setup';
import { useSummarizeWorld } from './summarize-world';

const world = useSummarizeWorld();
/** Waits shortened, so retries with Retry-After do not slow the test. */
const fastClock: Clock = { now: () => Date.now(), sleep: () => new Promise((r) => setTimeout(r, 2)) };
const FAILING = ['2603.00017', '2603.00018', '2603.00019'];

describe('summarize logs', () => {
  it('one result line, one line per failure kind, progress every few calls, nothing per paper', async () => {
    world.fake.options = { failPapers: FAILING, failStatus: 500 };
    world.fx = await setupSummarize({ fakeBaseURL: world.fake.baseURL, env: { SUMMARY_MAX_PAPERS: '1000' } });
    const lines: string[] = [];
    const result = await runSummarize(
      { store: world.fx.store, env: world.fx.env, log: (l) => lines.push(l), clock: fastClock },
      { now: NOW, deadline: Date.now() + 60_000, minCallWindowMs: 50, concurrency: 1 },
    );
    world.fake.options = {};
    expect(result.counts.candidates).toBeGreaterThan(PROGRESS_EVERY);
    expect(result.counts.failed).toBeGreaterThanOrEqual(FAILING.length);

    // Papers are named only by the failure and retry lines quoting a provider's message.
    expect(lines.filter((l) => /\b2603\.\d{5}/.test(l) && !/^ {2}(failed ×|retry )/.test(l))).toEqual([]);
    expect(lines.filter((l) => l.startsWith('summarize '))).toHaveLength(1);
    expect(lines.find((l) => l.startsWith('summarize '))).toMatch(
      new RegExp(`^summarize ok: ${result.counts.summarized} summarized, 0 cached, ${result.counts.failed} failed, .* of ${result.counts.candidates} wanted`),
    );
    const kinds = lines.filter((l) => l.includes('failed ×'));
    expect(kinds).toEqual([expect.stringMatching(new RegExp(`^  failed ×${result.counts.failed}: `))]);
    expect(result.failureKinds).toEqual([{ kind: expect.any(String), count: result.counts.failed, example: expect.any(String) }]);
    expect(lines.filter((l) => l.startsWith('progress: '))).toHaveLength(Math.floor((result.counts.summarized + result.counts.failed) / PROGRESS_EVERY));
    expect(result.counts.retries).toBeGreaterThan(3);
    expect(lines.filter((l) => l.trimStart().startsWith('retry '))).toHaveLength(3);
    expect(lines.length).toBeLessThan(12);
  });
});
