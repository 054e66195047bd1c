/** The feed URLs of the selection on screen, with copy buttons, reader links and OPML. */
import { FEED_FORMATS } from '../../lib/feed/feed-format';
import type { FeedLinks } from '../../lib/feed/feed-links';
import { readerLinks } from '../../lib/preview/reader-links';
import { CopyButton } from './copy-button';

const FORMAT_LABEL = { rss: 'RSS 2.0', atom: 'Atom 1.0', json: 'JSON Feed 1.1' } as const;

export function FeedLinksPanel({ links, saved }: { links: FeedLinks; saved: boolean }) {
  return (
    <section className="panel feed-links" aria-labelledby="feed-links-heading">
      <h2 id="feed-links-heading">{saved ? 'Your saved feed' : 'Your feed'}</h2>
      {saved && <p className="warning">These URLs contain your secret token: anyone who has them can read and change this profile.</p>}
      {FEED_FORMATS.map((f) => (
        <div className="url-row" key={f}>
          <label htmlFor={`feed-url-${f}`}>{FORMAT_LABEL[f]}</label>
          <div className="url-field">
            <input id={`feed-url-${f}`} type="url" readOnly value={links[f]} data-format={f} />
            <CopyButton value={links[f]} label={`${FORMAT_LABEL[f]} URL`} fieldId={`feed-url-${f}`} />
          </div>
        </div>
      ))}
      <p className="reader-links">
        Open in:{' '}
        {readerLinks(links.rss).map((r, i) => (
          <span key={r.name}>
            {i > 0 && ' · '}
            <a href={r.href} rel="noopener noreferrer nofollow">
              {r.name}
            </a>
          </span>
        ))}
      </p>
      <p>
        <a href={links.opml} download="arxiv-feeds.opml">
          Download OPML
        </a>{' '}
        · <a href={links.page}>Link to this preview</a>
      </p>
    </section>
  );
}
