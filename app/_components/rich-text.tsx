/**
 * Renders rich-text segments: text and hits are React text (escaped); math is KaTeX's own output.
 * Plain text stays a bare string, not a `<span>`: a highlighted abstract has dozens of segments,
 * and each element is sent twice (HTML and the page's RSC payload).
 */
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
          s.text
        ),
      )}
    </>
  );
}
