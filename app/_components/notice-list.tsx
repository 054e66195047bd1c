/** Page notices (empty store, arXiv unreachable, weekend/holiday, summaries off) and feed notices. */
import type { PageNotice } from '../../lib/preview/page-notices';

export function NoticeList({ notices }: { notices: PageNotice[] }) {
  if (!notices.length) return null;
  return (
    <div className="notices">
      {notices.map((n, i) => (
        <p key={i} className={`notice notice-${n.tone}`} role={n.tone === 'error' ? 'alert' : 'status'}>
          {n.text}
        </p>
      ))}
    </div>
  );
}
