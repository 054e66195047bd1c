/**
 * The load run's upstreams on 127.0.0.1: an arXiv answering one busy announcement day dated today
 * (the bench's synthetic cs.AI+cs.CL+cs.DC+cs.LG mix, ≈ 430 items, filtered per request like arXiv)
 * and an empty API history, and an OpenAI-compatible server answering summaries after a delay.
 */
import { readFileSync } from 'node:fs';
import { newYorkDay } from '../../lib/arxiv/announcement-day';
import { BUSY_CS_DAY, buildDayItems } from '../bench/data/build-items';
import { BUSY_SOURCES } from '../bench/data/bench-days';
import { buildRss } from '../bench/data/build-rss';
import { filterRssItems, startFakeArxiv } from '../support/fake-arxiv';
import { FakeOpenAi } from '../support/fake-openai';

export const LOAD_OPENAI_KEY = 'sk-test-load';

export type StandIns = { env: Record<string, string>; rssItems: number; day: string; summaryCalls(): number; close(): Promise<void> };

export async function startStandIns(options: { summaryDelayMs: number }): Promise<StandIns> {
  const day = newYorkDay(new Date());
  const items = buildDayItems({ mix: BUSY_CS_DAY, seed: 4242, yymm: `${day.slice(2, 4)}${day.slice(5, 7)}`, firstNumber: 1000 });
  const xml = buildRss(day, BUSY_SOURCES, items);
  const emptyApi = readFileSync(new URL('../../tests/fixtures/arxiv/api-empty.xml', import.meta.url), 'utf8');
  const arxiv = await startFakeArxiv({ rss: (categories) => filterRssItems(xml, categories), api: emptyApi });
  const openai = await FakeOpenAi.start({ delayMs: options.summaryDelayMs, apiKey: LOAD_OPENAI_KEY });
  return {
    env: { ...arxiv.env(), OPENAI_API_KEY: LOAD_OPENAI_KEY, OPENAI_BASE_URL: openai.baseURL },
    rssItems: items.length,
    day,
    summaryCalls: () => openai.calls,
    close: async () => {
      await Promise.all([arxiv.close(), openai.close()]);
    },
  };
}
