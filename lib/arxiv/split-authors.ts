/**
 * Splits the RSS `dc:creator` line into names. arXiv writes one comma-separated string
 * (`A, B and C`, sometimes with affiliations in parentheses that contain commas themselves:
 * `Yuxiu Shao (Beijing Normal University, Beijing, China), David Dahmen`), and TeX accents with
 * braces (`Przemys{\l}aw`). Commas inside parentheses or braces do not split; names stay exactly as
 * arXiv wrote them (accents and affiliations included) apart from collapsed whitespace, so the
 * store keeps what arXiv sent. `authorName` takes the affiliation off for display.
 */
import { unwrapWhitespace } from '../text/clean-text';

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(' || ch === '{' || ch === '[') depth++;
    else if ((ch === ')' || ch === '}' || ch === ']') && depth > 0) depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

/** `B and C` → [`B`, `C`] at the last " and " outside parentheses (the final author of a list). */
function splitFinalAnd(part: string): string[] {
  let depth = 0;
  let at = -1;
  for (let i = 0; i < part.length; i++) {
    const ch = part[i]!;
    if (ch === '(' || ch === '{' || ch === '[') depth++;
    else if ((ch === ')' || ch === '}' || ch === ']') && depth > 0) depth--;
    else if (depth === 0 && part.startsWith(' and ', i) && i > 0) at = i;
  }
  return at < 0 ? [part] : [part.slice(0, at), part.slice(at + 5)];
}

export function splitAuthors(creator: string): string[] {
  const parts = splitTopLevel(unwrapWhitespace(creator)).map((p) => p.trim());
  const last = parts.pop() ?? '';
  // "A, B, and C": the Oxford comma leaves a last part starting with "and ".
  const tail = /^and\s+/.test(last) ? [last.replace(/^and\s+/, '')] : splitFinalAnd(last);
  return [...parts, ...tail].map((p) => p.trim()).filter(Boolean);
}

/** A trailing parenthesized group, with one level of nesting (`(1) ((1) MIT, (2) ETH)` in old listings). */
const TRAILING_GROUP = /\s*\((?:[^()]|\([^()]*\))*\)\s*$/;

/**
 * The name without the affiliations arXiv writes after it (`Yuxiu Shao (Beijing Normal
 * University, China)` → `Yuxiu Shao`). A "name" that is only a parenthesis stays as it is.
 */
export function authorName(author: string): string {
  let name = author.trim();
  for (let next = name.replace(TRAILING_GROUP, ''); next !== name && next; next = name.replace(TRAILING_GROUP, '')) name = next;
  return name;
}
