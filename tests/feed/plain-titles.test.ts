/**
 * Titles are plain text in every format: arXiv passes submitters' HTML through, and an RSS reader
 * renders markup inside a CDATA title. The feed document's cleaning removes HTML elements from the
 * feed's and the items' titles, and leaves TeX comparisons (`$a<b$`) alone.
 */
import { describe, expect, it } from 'vitest';
import { cleanFeedDocument } from '../../lib/feed/clean-document';
import type { FeedDocument } from '../../lib/feed/feed-document';
import { renderFeed } from '../../lib/feed/render-feed';
import type { Paper } from '../../lib/model/paper';

const MARKUP_TITLE = 'Deep <i>Nets</i> for H<sub>2</sub>O<script>alert(1)</script> with $a<b$ and <img src=x onerror=alert(2)>';
const PLAIN_TITLE = 'Deep Nets for H2O with $a<b$ and';

const paper: Paper = {
  id: '2512.04752',
  version: 1,
  title: MARKUP_TITLE,
  abstract: 'An abstract.',
  authors: ['Ada Lovelace'],
  categories: ['cs.LG'],
  announceType: 'new',
  announced: '2025-12-18',
  firstAnnounced: '2025-12-18',
};

const doc = (): FeedDocument =>
  cleanFeedDocument({
    title: 'arXiv cs.LG: <b>llm</b>',
    description: 'New papers.',
    selfUrl: 'http://localhost/api/feed?cats=cs.LG',
    homeUrl: 'http://localhost/?cats=cs.LG',
    updated: '2025-12-18T01:00:00.000Z',
    language: 'en',
    categories: ['cs.LG'],
    keywords: [],
    days: ['2025-12-18'],
    notIngested: [],
    notices: [],
    summariesOff: true,
    leftOut: { belowMinScore: 0, pastLimit: 0 },
    summariesPending: 0,
    items: [{ paper, score: 0, matches: [], update: null, summary: null, updated: '2025-12-18T00:00:00.000Z' }],
  });

describe('titles without markup', () => {
  it('the document carries plain titles, TeX comparisons kept', () => {
    const d = doc();
    expect(d.items[0]!.paper.title).toBe(PLAIN_TITLE);
    expect(d.title).toBe('arXiv cs.LG: llm');
  });

  it.each(['rss', 'atom', 'json'] as const)('%s: no tag of the upstream title reaches the output', (format) => {
    const { body } = renderFeed(doc(), format);
    for (const tag of ['<i>', '&lt;i&gt;', '<sub>', '&lt;sub&gt;', 'alert(1)', 'onerror', '<b>', '&lt;b&gt;']) expect(body).not.toContain(tag);
    expect(format === 'json' ? JSON.parse(body).items[0].title : body).toContain(format === 'json' ? PLAIN_TITLE : 'Deep Nets for H2O with $a');
  });
});
