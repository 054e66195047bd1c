/**
 * Cuts a paper's sections to SUMMARY_FULLTEXT_MAX_CHARS. Roles are served in priority order
 * (doc-sections.ts); within one role the characters are shared max-min fairly, so a long method
 * section cannot starve the experiments: every section gets either all of its text or an equal
 * share of what is left, cut at a paragraph or sentence end. What was shortened or left out is
 * listed, so the prompt can tell the model (and the stored summary can tell the reader).
 */
import { assignRoles, ROLE_PRIORITY, type DocSection } from './doc-sections';

export type FittedText = {
  text: string;
  /** Headings (or `(front matter)`) shortened or left out, each with how. */
  cut: string[];
  /** Characters the text would have uncut (references, abstract and front matter excluded). */
  fullChars: number;
};

const SEPARATOR = '\n\n';
/** A share smaller than this is not worth sending: the section is left out instead. */
const MIN_SHARE_CHARS = 200;
const ELLIPSIS = ' […]';

const render = (section: DocSection) => (section.heading.trim() ? `## ${section.heading.trim()}\n${section.text}` : section.text);

/** Max-min fair shares of `budget` for items of the given lengths. */
export function fairShares(lengths: number[], budget: number): number[] {
  const shares = lengths.map(() => 0);
  const order = lengths.map((_, i) => i).sort((a, b) => lengths[a]! - lengths[b]!);
  let left = Math.max(0, budget);
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const fair = Math.floor(left / (order.length - k));
    shares[i] = Math.min(lengths[i]!, fair);
    left -= shares[i]!;
  }
  return shares;
}

/** The first `max` characters, ended at the last paragraph or sentence break in the second half. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = Math.max(0, max - ELLIPSIS.length);
  const head = text.slice(0, room);
  const breakAt = Math.max(head.lastIndexOf('\n'), head.lastIndexOf('. ') + 1, head.lastIndexOf('? ') + 1);
  return (breakAt >= room / 2 ? head.slice(0, breakAt) : head).trimEnd() + ELLIPSIS;
}

function label(section: DocSection): string {
  return section.heading.trim() || '(front matter)';
}

/** The sections that fit in `maxChars`, in document order. */
export function fitSections(sections: DocSection[], maxChars: number): FittedText {
  const roles = assignRoles(sections);
  const kept = sections.map((s, i) => ({ s, role: roles[i]!, rendered: render(s) })).filter((x) => ROLE_PRIORITY.includes(x.role) && x.s.text.trim());
  const fullChars = kept.reduce((n, x) => n + x.rendered.length, 0) + SEPARATOR.length * Math.max(0, kept.length - 1);
  const allowance = new Map<number, number>();
  let left = maxChars;
  for (const role of ROLE_PRIORITY) {
    const members = kept.map((x, i) => ({ x, i })).filter(({ x }) => x.role === role);
    const shares = fairShares(
      members.map(({ x }) => x.rendered.length + SEPARATOR.length),
      left,
    );
    members.forEach(({ i }, k) => allowance.set(i, shares[k]!));
    left -= shares.reduce((a, b) => a + b, 0);
  }
  const parts: string[] = [];
  const cut: string[] = [];
  kept.forEach((x, i) => {
    const share = (allowance.get(i) ?? 0) - SEPARATOR.length;
    if (share >= x.rendered.length) parts.push(x.rendered);
    else if (share >= MIN_SHARE_CHARS) {
      parts.push(cutText(x.rendered, share));
      cut.push(`${label(x.s)} (shortened)`);
    } else cut.push(`${label(x.s)} (left out)`);
  });
  return { text: parts.join(SEPARATOR), cut, fullChars };
}
