/**
 * One paper of the preview, from a FeedItem (the same item the feeds render). Strings from arXiv
 * are React text; only KaTeX output and the sanitized summary HTML are injected as HTML.
 */
import type { FeedItem, FeedSummary } from '../../lib/feed/feed-document';
import { absUrl, htmlUrl, pdfUrl } from '../../lib/model/paper';
import { categoryName } from '../../lib/model/taxonomy';
import { richText, termPattern, highlight } from '../../lib/preview/rich-text';
import { FeedbackButtons } from './feedback-buttons';
import { matchLabel } from './match-label';
import { RichText } from './rich-text';
import type { FeedbackState } from './use-feedback-request';

const MAX_AUTHORS = 12;

const BADGE_LABEL: Record<string, string> = { new: 'new', cross: 'cross-list', replace: 'updated', 'replace-cross': 'updated cross-list' };

function Authors({ authors, terms }: { authors: string[]; terms: string[] }) {
  const pattern = termPattern(terms);
  const shown = authors.slice(0, MAX_AUTHORS);
  const more = authors.length - shown.length;
  return (
    <p className="authors">
      {shown.map((a, i) => (
        <span key={i}>
          {i > 0 && ', '}
          <RichText segments={highlight(a, pattern)} />
        </span>
      ))}
      {more > 0 && <span> and {more} more</span>}
    </p>
  );
}

function MatchList({ item }: { item: FeedItem }) {
  if (!item.matches.length) return null;
  return (
    <p className="matches">
      <span className="visually-hidden">Matched terms: </span>
      {item.matches.map((m, i) => {
        const { text, tooltip } = matchLabel(m, item.paper.id);
        return (
          <span key={i} className={`match match-${m.where}`} title={tooltip}>
            {text}
          </span>
        );
      })}
    </p>
  );
}

/** A summary folded to its TL;DR; opened, the TL;DR line gives way to the whole summary (which starts with it). */
function SummaryBlock({ summary }: { summary: FeedSummary }) {
  return (
    <details className="summary">
      <summary>
        <span className="summary-label">{summary.label}</span>
        {summary.tldr && <span className="summary-tldr">{summary.tldr}</span>}
      </summary>
      <div className="summary-body" dangerouslySetInnerHTML={{ __html: summary.html }} />
      <p className="summary-note">Machine-written: check the paper before relying on it.</p>
    </details>
  );
}

/** A saved profile's page: the card offers "More like this" / "Less like this" in the paper's recorded state. */
export type CardFeedback = { token: string; state: FeedbackState };

/**
 * `ranked`: the selection has ranking terms. Without them every score is 0 and means nothing, so
 * it is not shown.
 */
export function PaperCard({ item, rank, ranked, feedback }: { item: FeedItem; rank: number; ranked: boolean; feedback?: CardFeedback | null }) {
  const { paper } = item;
  const textTerms = item.matches.filter((m) => m.where === 'title' || m.where === 'abstract').map((m) => m.term);
  const authorTerms = item.matches.filter((m) => m.where === 'author').map((m) => m.term);
  const titleId = `paper-${rank}`;
  return (
    <li className="paper">
      <article aria-labelledby={titleId}>
        <div className="paper-meta">
          <span className={`badge badge-${paper.announceType}`}>{BADGE_LABEL[paper.announceType] ?? paper.announceType}</span>
          {ranked && (
            <span className="score" title="Keyword score">
              score <strong>{formatScoreForCard(item.score)}</strong>
            </span>
          )}
          <span className="categories">
            {paper.categories.map((c, i) => (
              <abbr key={c} title={categoryName(c) ?? c} className={i === 0 ? 'primary' : undefined}>
                {c}
              </abbr>
            ))}
          </span>
          <span className="paper-id">
            {paper.id}v{paper.version}
          </span>
        </div>
        <h3 id={titleId} className="paper-title">
          <a href={absUrl(paper.id)}>
            <RichText segments={richText(paper.title, textTerms)} />
          </a>
        </h3>
        <Authors authors={paper.authors} terms={authorTerms} />
        <MatchList item={item} />
        {item.summary && <SummaryBlock summary={item.summary} />}
        <details className="abstract" open={!item.summary}>
          <summary>Abstract</summary>
          <p>
            <RichText segments={richText(paper.abstract, textTerms)} />
          </p>
        </details>
        <p className="paper-links">
          <a href={absUrl(paper.id)} aria-label={`arXiv page of ${paper.id}`}>abs</a>
          <a href={pdfUrl(paper.id, paper.version)} aria-label={`PDF of ${paper.id}`}>PDF</a>
          <a href={htmlUrl(paper.id, paper.version)} aria-label={`HTML version of ${paper.id}`}>HTML</a>
        </p>
        {feedback && <FeedbackButtons token={feedback.token} id={paper.id} state={feedback.state} />}
      </article>
    </li>
  );
}

/** The card rounds to one decimal (`2.5`) to stay short; feeds carry two (formatScoreForFeed). */
const formatScoreForCard = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
