/**
 * A saved profile's feed with likes: every item explains its learned points by the liked paper it
 * resembles, a liked paper is marked and shown, and every item links to "More like this" / "Less
 * like this" on the feed's own origin, in JSON Feed, RSS and Atom alike.
 */
import { parseFeed } from '@rowanmanning/feed-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as FEED } from '../../app/api/feed/[token]/route';
import { POST as FEEDBACK } from '../../app/api/profiles/[token]/feedback/route';
import { POST as CREATE } from '../../app/api/profiles/route';
import { getStore } from '../../lib/store/open-store';
import { topicPaper, topicWindow } from '../score/learned-papers';
import { useProfileEnv } from '../profiles/profile-env';

const ORIGIN = 'https://feeds.example.org';
const DAY = '2025-01-10';
const ctx = (token: string) => ({ params: Promise.resolve({ token }) });
const feed = (token: string, format: string) => FEED(new Request(`http://internal:3000/api/feed/${token}?format=${format}`), ctx(token));
const liked = [topicPaper('serving', 0, DAY), topicPaper('serving', 1, DAY)];

type JsonItem = { id: string; content_html: string; content_text: string; _arxiv: { id: string; score: number; matches: { where: string; term: string; id?: string; points: number }[]; matched_terms: string[]; feedback: { more: string; less: string } } };

let token = '';
let items: JsonItem[] = [];

beforeAll(async () => {
  await useProfileEnv({ PUBLIC_BASE_URL: ORIGIN });
  await (await getStore()).commitDay(DAY, { 'cs.LG': topicWindow(8, DAY) }, new Date(`${DAY}T01:00:00Z`));
  const created = await CREATE(
    new Request(`${ORIGIN}/api/profiles`, { method: 'POST', body: JSON.stringify({ categories: ['cs.LG'], keywords: ['reinforcement learning'] }), headers: { 'content-type': 'application/json' } }),
  );
  token = (await created.json()).token;
  // One like through the API as a reader's click sends it, one through the page's form route: both train.
  for (const paper of liked) {
    const res = await FEEDBACK(
      new Request(`${ORIGIN}/api/profiles/${token}/feedback`, { method: 'POST', body: JSON.stringify({ id: paper.id, signal: 'more' }), headers: { 'content-type': 'application/json' } }),
      ctx(token),
    );
    expect(res.status).toBe(200);
  }
  items = (await (await feed(token, 'json')).json()).items;
});

describe('a saved feed with likes', () => {
  it('ranks papers like the liked ones first, each explained by the liked paper it resembles', () => {
    const similar = items.find((i) => i._arxiv.id === topicPaper('serving', 3, DAY).id)!;
    const match = similar._arxiv.matches.find((m) => m.where === 'similar')!;
    expect(liked.map((p) => p.id)).toContain(match.id);
    expect(match.term).toBe(liked.find((p) => p.id === match.id)!.title);
    expect(match.points).toBeGreaterThan(0);
    expect(similar._arxiv.score).toBeCloseTo(similar._arxiv.matches.reduce((sum, m) => sum + m.points, 0), 5);
    // a liked paper's title is an explanation, not a tag
    expect(similar._arxiv.matched_terms).not.toContain(match.term);
    const servingRanks = items.map((i, rank) => (i._arxiv.id.startsWith('2501.1') ? rank : -1)).filter((r) => r >= 0);
    const proteinRanks = items.map((i, rank) => (i._arxiv.id.startsWith('2501.2') ? rank : -1)).filter((r) => r >= 0);
    expect(Math.max(...servingRanks)).toBeLessThan(Math.min(...proteinRanks));
  });

  it('marks a liked paper as liked instead of hiding it', () => {
    const own = items.find((i) => i._arxiv.id === liked[0]!.id)!;
    expect(own._arxiv.matches).toContainEqual({ where: 'liked', term: liked[0]!.title, id: liked[0]!.id, points: 3 });
    expect(own.content_text).toContain('liked (+3)');
  });

  it('links every item to More / Less like this on the feed origin, never writing on GET', () => {
    for (const item of items) {
      const more = new URL(item._arxiv.feedback.more);
      expect(more.origin).toBe(ORIGIN);
      expect(more.pathname).toBe(`/api/profiles/${token}/feedback`);
      expect(Object.fromEntries(more.searchParams)).toEqual({ id: item._arxiv.id, signal: 'more' });
      expect(new URL(item._arxiv.feedback.less).searchParams.get('signal')).toBe('less');
      expect(item.content_html).toContain(`<a href="${item._arxiv.feedback.more.replace(/&/g, '&amp;')}">More like this</a>`);
      expect(item.content_text).toContain(`Less like this: ${item._arxiv.feedback.less}`);
    }
  });

  it('says the same in RSS and Atom: "like <title>" and both links', async () => {
    const similar = topicPaper('serving', 3, DAY);
    const json = items.find((i) => i._arxiv.id === similar.id)!;
    const title = json._arxiv.matches.find((m) => m.where === 'similar')!.term;
    for (const format of ['rss', 'atom']) {
      // What a reader shows: the item's HTML content as @rowanmanning/feed-parser hands it over.
      const parsed = parseFeed(await (await feed(token, format)).text());
      const item = parsed.items.find((i) => i.url === json.id || i.id === json.id || i.id?.includes(similar.id))!;
      expect(item, format).toBeDefined();
      // RSS carries the HTML as the item's description, Atom as its content.
      const html = item.content ?? item.description ?? '';
      expect(html, format).toContain(`like <em>${title}</em>`);
      // (the parser hands attributes over decoded)
      expect(html, format).toContain(`<a href="${json._arxiv.feedback.more}">More like this</a>`);
      expect(html, format).toContain(`<a href="${json._arxiv.feedback.less}">Less like this</a>`);
    }
  });
});
