/** Renders rich-text segments: text and hits are React text (escaped); math is KaTeX's own output. */
import type { Segment } from '../../lib/preview/rich-text';

export function RichText({ segments }: { segments: Segment[] }) {
  return (
    <>
      {segments.map((s, i) =>
        s.kind === 'math' ? (
          <span key={i} className="math" dangerouslySetInnerHTML={{ __html: s.html }} />
        ) : s.kind === 'hit' ? (
          <mark key={i}>{s.text}</mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}
