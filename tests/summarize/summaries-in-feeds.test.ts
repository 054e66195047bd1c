/**
 * End to end through the feed routes: a summary containing `]]>`, `<script>`, event handlers,
 * `javascript:` links and U+0001 yields well-formed RSS and Atom, valid JSON Feed, and inert HTML,
 * with the summary above the abstract.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as feedGET } from '../../app/api/feed/route';
import { GET as savedFeedGET } from '../../app/api/feed/[token]/route';
import { runSummarize } from '../../lib/jobs/summarize/run-summarize';
import { FakeOpenAi } from '../../scripts/support/fake-openai';
import { expectInert } from './expect-inert';
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

/** The HTML bodies of the items, as a reader gets them after XML parsing (entities and CDATA undone). */
function itemHtml(format: string, body: string): string[] {
  const parsed = new XMLParser({ ignoreAttributes: false, processEntities: true, htmlEntities: false }).parse(body);
  const list = <T,>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);
  if (format === 'rss') return list(parsed.rss.channel.item).map((i: Record<string, unknown>) => String(i['content:encoded'] ?? i.description));
  return list(parsed.feed.entry).map((e: { content: { '#text': string } }) => e.content['#text']);
}

describe('hostile summaries in feeds', () => {
  it.each(['rss', 'atom'])('%s: well-formed XML, summary present and inert', async (format) => {
    for (const response of [await saved(fx.tokens[0]!, format), await feedGET(new Request(`http://localhost/api/feed?format=${format}`))]) {
      expect(response.status).toBe(200);
      const body = await response.text();
      expect(XMLValidator.validate(body)).toBe(true);
      expect(body).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
      const html = itemHtml(format, body);
      expect(html.length).toBeGreaterThan(0);
      const summarized = html.filter((h) => h.includes('<h4>TL;DR</h4>'));
      expect(summarized.length).toBeGreaterThan(0);
      for (const h of html) expectInert(h);
      // The model's `<script>` is shown as text; the summary sits above the abstract.
      expect(summarized[0]).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(summarized[0]!.indexOf('TL;DR')).toBeLessThan(summarized[0]!.indexOf('We study'));
    }
  });

  it('json: content_html and content_text carry the summary, inert, above the abstract', async () => {
    const response = await saved(fx.tokens[1]!, 'json');
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(body).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    const feed = JSON.parse(body) as { items: { content_html: string; content_text: string }[] };
    expect(feed.items.length).toBeGreaterThan(0);
    for (const item of feed.items) {
      expectInert(item.content_html);
      expect(item.content_html).toContain('要点'); // profile 1 asks for Chinese
      expect(item.content_html.indexOf('要点')).toBeLessThan(item.content_html.indexOf('We study'));
      // Plain text: the same words, no markup Markdown made, no control character.
      expect(item.content_text).toMatch(/Breaks \]\]> CDATA/);
      expect(item.content_text).not.toMatch(/<\/?(p|h4|ul|li|strong)>/);
    }
  });
});
