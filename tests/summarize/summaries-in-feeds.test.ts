/**
 * End to end through the feed routes: a summary containing `]]>`, `<script>`, event handlers,
 * `javascript:` links and U+0001 yields well-formed RSS and Atom, valid JSON Feed, and inert HTML,
 * with the summary above the abstract.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as feedGET } from '../../app/api/feed/route';
import { GET as savedFeedGET } from '../../app/api/feed/[token]/route';
import { runSummarize } from '../../lib/summarize/run-summarize';
import { FakeOpenAi } from '../helpers/fake-openai';
import { NOW, setupSummarize, type SummarizeFixture } from './summarize-setup';

let fake: FakeOpenAi;
let fx: SummarizeFixture;

beforeAll(async () => {
  fake = await FakeOpenAi.start({ hostile: true });
  fx = await setupSummarize({ fakeBaseURL: fake.baseURL });
  const result = await runSummarize({ store: fx.store, env: fx.env }, { now: NOW, deadline: Date.now() + 60_000 });
  expect(result.counts.summarized).toBeGreaterThan(0);
});
afterAll(async () => {
  await fx.cleanup();
  await fake.close();
});

const saved = (token: string, format: string) =>
  savedFeedGET(new Request(`http://localhost/api/feed/${token}?format=${format}`), { params: Promise.resolve({ token }) });

/** What a reader would execute or choke on. */
function expectInert(text: string) {
  expect(text).not.toMatch(/<(script|iframe|svg|style|img)\b/i);
  expect(text).not.toMatch(/\son[a-z]+\s*=/i);
  expect(text).not.toMatch(/javascript:/i);
  expect(text).not.toMatch(/alert\(/);
  expect(text).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
}

describe('hostile summaries in feeds', () => {
  it.each(['rss', 'atom'])('%s: well-formed XML, summary present and inert', async (format) => {
    for (const response of [await saved(fx.tokens[0]!, format), await feedGET(new Request(`http://localhost/api/feed?format=${format}`))]) {
      expect(response.status).toBe(200);
      const body = await response.text();
      expect(XMLValidator.validate(body)).toBe(true);
      const parsed = new XMLParser({ ignoreAttributes: false }).parse(body);
      expect(parsed).toBeTruthy();
      expect(body).toContain('TL;DR');
      expectInert(body);
    }
  });

  it('json: content_html and content_text carry the summary, inert, above the abstract', async () => {
    const response = await saved(fx.tokens[1]!, 'json');
    expect(response.status).toBe(200);
    const body = await response.text();
    expectInert(body);
    const feed = JSON.parse(body) as { items: { content_html: string; content_text: string }[] };
    expect(feed.items.length).toBeGreaterThan(0);
    for (const item of feed.items) {
      expect(item.content_html).toContain('要点'); // profile 1 asks for Chinese
      expect(item.content_html.indexOf('要点')).toBeLessThan(item.content_html.indexOf('We study'));
      expect(item.content_text).toMatch(/Breaks \]\]> CDATA/);
      expectInert(item.content_text);
    }
  });
});
