/**
 * A paper's text as the extractors hand it over: sections in document order, each with its
 * heading as printed, a nesting level and whether it sits in the appendix. The role of a section
 * decides what survives when the text must be cut: the body that carries the paper's claims first
 * (introduction, method, experiments, results, conclusion and whatever custom-named section sits
 * among them), then context (related work, background), then the rest; references are dropped.
 */

export type DocSection = {
  /** As printed, numbering included (`3.2 Training details`); '' for text before the first heading. */
  heading: string;
  /** Deeper is larger; only compared within one document. */
  level: number;
  text: string;
  appendix: boolean;
};

export type SectionRole = 'core' | 'context' | 'front' | 'back' | 'appendix' | 'abstract' | 'references';

/**
 * Cut order: earlier roles keep their text longest. Never sent: `references`, and `abstract` and
 * `front` (title, authors, affiliations), which the prompt already has from the listing.
 */
export const ROLE_PRIORITY: SectionRole[] = ['core', 'context', 'back', 'appendix'];

/** `3.2 Training`, `A.1 Proofs`, `IV. RESULTS`, `Appendix B: More` → the words alone, lower case. */
export function headingWords(heading: string): string {
  return heading
    .replace(/^\s*(?:appendix\s+)?(?:[0-9]{1,2}(?:\.[0-9]{1,2})*|[A-Z](?:\.[0-9]{1,2})*|[IVX]{1,5})(?:[.:)]|\s)\s*/i, (m) => (/^\s*appendix/i.test(m) ? 'appendix ' : ''))
    .replace(/[.:]\s*$/, '')
    .trim()
    .toLowerCase();
}

const EXPLICIT_ROLES: [RegExp, SectionRole][] = [
  [/^(?:references?|bibliography|works cited|literature cited)$/, 'references'],
  [/^abstract$/, 'abstract'],
  [/^(?:appendi(?:x|ces)|supplementary|supplemental)\b/, 'appendix'],
  [/acknowledg|^funding|author contributions|ethics statement|impact statement|broader impacts?$|reproducibility statement|checklist|competing interests|data availability/, 'back'],
  [/related work|^background|preliminar|literature review|prior work/, 'context'],
];

function explicitRole(section: DocSection): SectionRole | null {
  const words = headingWords(section.heading);
  for (const [pattern, role] of EXPLICIT_ROLES) if (pattern.test(words)) return role;
  if (section.appendix) return 'appendix';
  return section.heading.trim() ? null : 'front';
}

/**
 * Each section's role; a subsection without a telling heading of its own takes its parent's
 * (`2.1 Speculative decoding` under `2 Related work` is context, under `3 Method` it is core).
 * A text in which no heading was found at all is all front matter by that rule: it is the body.
 */
export function assignRoles(sections: DocSection[]): SectionRole[] {
  const roles = nestedRoles(sections);
  return roles.includes('core') ? roles : roles.map((r) => (r === 'front' ? 'core' : r));
}

function nestedRoles(sections: DocSection[]): SectionRole[] {
  const parents: { level: number; role: SectionRole }[] = [];
  return sections.map((section) => {
    while (parents.length && parents[parents.length - 1]!.level >= section.level) parents.pop();
    const inherited = parents[parents.length - 1]?.role;
    const role = explicitRole(section) ?? (inherited && inherited !== 'front' ? inherited : 'core');
    if (section.heading.trim()) parents.push({ level: section.level, role });
    return role;
  });
}
