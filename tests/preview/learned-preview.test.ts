/**
 * The page of a saved profile with likes (`/?profile=<token>`) ranks with the profile's learned
 * model, as its feed does, also while the builder shows other parameters on top; its panel lists
 * the liked and disliked papers by title, newest first; its cards carry the feedback buttons in
 * the paper's recorded state; and DELETE …/feedback resets both lists (the panel's reset).
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { PaperCard } from '../../app/_components/paper-card';
import { DELETE as RESET, POST as FEEDBACK } from '../../app/api/profiles/[token]/feedback/route';
import { POST as CREATE } from '../../app/api/profiles/route';
import { getEnv } from '../../lib/env';
import { loadPreview } from '../../lib/preview/load-preview';
import { getStore } from '../../lib/store/open-store';
import { useProfileEnv } from '../profiles/profile-env';
import { topicPaper, topicWindow } from '../score/learned-papers';

// Rendered outside Next.js's app router: the buttons' refresh after a click is not what is tested here.
vi.mock('next/navigation', () => ({ useRouter: () => ({ refresh: () => {} }) }));

const ORIGIN = 'http://localhost:3000';
const DAY = '2025-01-10';
const ctx = (token: string) => ({ params: Promise.resolve({ token }) });
const proteins = (n: number) => topicPaper('proteins', n, DAY);

const load = async (query: string) => loadPreview({ store: await getStore(), query: new URLSearchParams(query), origin: ORIGIN, now: new Date(`${DAY}T18:00:00Z`), env: getEnv() });
const signal = (token: string, id: string, s: string) =>
  FEEDBACK(new Request(`${ORIGIN}/api/profiles/${token}/feedback`, { method: 'POST', body: JSON.stringify({ id, signal: s }), headers: { 'content-type': 'application/json' } }), ctx(token));

let token = '';

beforeAll(async () => {
  await useProfileEnv();
  await (await getStore()).commitDay(DAY, { 'cs.LG': topicWindow(8, DAY) }, new Date(`${DAY}T01:00:00Z`));
  const res = await CREATE(new Request(`${ORIGIN}/api/profiles`, { method: 'POST', body: JSON.stringify({ categories: ['cs.LG'] }), headers: { 'content-type': 'application/json' } }));
  token = (await res.json()).token;
  await signal(token, proteins(1).id, 'more');
  await signal(token, proteins(2).id, 'more');
  await signal(token, topicPaper('robots', 3, DAY).id, 'less');
});

describe('a saved profile with likes on the page', () => {
  it('ranks by the learned model: the liked subject first, the disliked paper last', async () => {
    const m = await load(`profile=${token}`);
    const ids = m.doc.items.map((i) => i.paper.id);
    expect(ids.slice(0, 8).every((id) => id.startsWith('2501.2'))).toBe(true);
    const disliked = m.doc.items.find((i) => i.paper.id === topicPaper('robots', 3, DAY).id)!;
    expect(disliked.matches).toEqual([{ where: 'disliked', term: disliked.paper.title, id: disliked.paper.id, points: -3 }]);
    expect(disliked.score).toBe(Math.min(...m.doc.items.map((i) => i.score)));
    expect(ids.slice(-3).every((id) => id.startsWith('2501.3'))).toBe(true);
    expect(m.ranked).toBe(true);
    const similar = m.doc.items.find((i) => i.paper.id === proteins(5).id)!;
    expect(similar.matches.map((x) => x.where)).toEqual(['similar']);
  });

  it('keeps ranking with the saved likes while the builder shows other parameters', async () => {
    const m = await load(`profile=${token}&cats=cs.LG&keywords=robot`);
    expect(m.profile.liked).toBeUndefined();
    const top = m.doc.items[0]!;
    expect(top.matches.some((x) => x.where === 'liked' || x.where === 'similar')).toBe(true);
    expect(m.doc.items.find((i) => i.paper.id === proteins(1).id)?.matches.map((x) => x.where)).toContain('liked');
  });

  it('lists the feedback newest first by title, and the cards show each paper\'s state', async () => {
    const m = await load(`profile=${token}`);
    expect(m.feedback).toEqual({
      liked: [proteins(2), proteins(1)].map((p) => ({ id: p.id, title: p.title })),
      disliked: [{ id: topicPaper('robots', 3, DAY).id, title: topicPaper('robots', 3, DAY).title }],
      notLearned: 0,
      embeddings: false,
    });
    const card = (id: string, state: 'liked' | 'disliked' | null) => {
      const item = m.doc.items.find((i) => i.paper.id === id)!;
      return renderToStaticMarkup(createElement(PaperCard, { item, rank: 1, ranked: true, feedback: { token, state } }));
    };
    expect(card(proteins(1).id, 'liked')).toMatch(/<button[^>]*aria-pressed="true"[^>]*>More like this<\/button>/);
    expect(card(proteins(1).id, 'liked')).toMatch(/<button[^>]*aria-pressed="false"[^>]*>Less like this<\/button>/);
    expect(card(proteins(3).id, null)).not.toContain('aria-pressed="true"');
    // Learned matches say what the title is to the paper; they are not keyword chips.
    expect(card(proteins(1).id, 'liked')).toContain('>you liked this</span>');
    expect(card(proteins(3).id, null)).toMatch(/class="match match-similar" title="resembles [^"]+: \+[\d.]+">like “[^”]+”<\/span>/);
  });

  it('a page without a saved profile has no panel and no buttons', async () => {
    const m = await load('');
    expect(m.feedback).toBeNull();
    const html = renderToStaticMarkup(createElement(PaperCard, { item: m.doc.items[0]!, rank: 1, ranked: m.ranked }));
    expect(html).not.toContain('More like this');
  });

  it('DELETE …/feedback forgets every like and dislike, and the model with them', async () => {
    const res = await RESET(new Request(`${ORIGIN}/api/profiles/${token}/feedback`, { method: 'DELETE' }), ctx(token));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ liked: 0, disliked: 0, cleared: 3 });
    const stored = JSON.parse((await (await getStore()).getProfile(token))!);
    expect(stored.liked).toBeUndefined();
    expect(stored.disliked).toBeUndefined();
    expect(await (await getStore()).getProfileModel(token)).toBeNull();
    expect((await load(`profile=${token}`)).feedback).toMatchObject({ liked: [], disliked: [] });
    expect((await RESET(new Request(`${ORIGIN}/api/profiles/${'A'.repeat(32)}/feedback`, { method: 'DELETE' }), ctx('A'.repeat(32)))).status).toBe(404);
  });
});
