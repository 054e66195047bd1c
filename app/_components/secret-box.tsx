/**
 * A newly saved profile's private URLs, shown once: the token in them is the profile's only key,
 * so the warning comes before the URLs.
 */
import { feedLinks } from '../../lib/feed/feed-links';
import { CopyButton } from './copy-button';

export function SecretBox({ token }: { token: string }) {
  const origin = window.location.origin;
  const links = feedLinks(origin, { token });
  return (
    <div className="secret" role="status">
      <p className="warning">
        <strong>Keep this private.</strong> This is shown only once: the token in these URLs is the only key to your
        profile. Anyone who has it can read, change or delete it. Copy it now.
      </p>
      <label htmlFor="secret-rss">Your private RSS feed</label>
      <div className="url-field">
        <input id="secret-rss" type="url" readOnly value={links.rss} />
        <CopyButton value={links.rss} label="private RSS URL" fieldId="secret-rss" />
      </div>
      <label htmlFor="secret-edit">Edit or delete it later at</label>
      <div className="url-field">
        <input id="secret-edit" type="url" readOnly value={links.page} />
        <CopyButton value={links.page} label="private edit URL" fieldId="secret-edit" />
      </div>
      <p>
        <a href={links.page}>Open the saved profile</a> · <a href={links.atom}>Atom</a> · <a href={links.json}>JSON</a> ·{' '}
        <a href={links.opml}>OPML</a>
      </p>
    </div>
  );
}
