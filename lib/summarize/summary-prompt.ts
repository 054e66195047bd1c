/**
 * The prompt: title + abstract only (no PDF download), in the reader's language. Changing any
 * wording here changes what gets stored, so bump PROMPT_VERSION (summary-scope.ts) with it.
 * The first line names the paper (`arXiv:<id>v<version>`) so provider logs and test servers can
 * tell calls apart.
 */
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { Paper } from '../model/paper';
import { stripXmlIllegal, unwrapWhitespace } from '../text/clean-text';

/** Title and abstract are cut here: a runaway abstract must not blow the token budget. */
const MAX_ABSTRACT_CHARS = 4000;
const MAX_TITLE_CHARS = 400;

/** `zh` → `Chinese`, `pt-BR` → `Brazilian Portuguese`; unknown tags are passed as they are. */
export function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

const SYSTEM_JSON = (language: string) =>
  [
    'You summarize arXiv papers for researchers who skim a daily feed.',
    `Write every field in ${languageName(language)}. Keep technical terms, model names and numbers as in the paper.`,
    'Use only the title and abstract given; do not invent results that the abstract does not state.',
    'Fields: tldr (one sentence), contributions (2-4 short items), method (1-3 sentences),',
    'results (1-3 sentences, with the numbers the abstract gives), limitations (1-2 sentences; say "Not stated in the abstract." when none are given).',
    'Plain text or light Markdown only; no HTML.',
  ].join(' ');

const SYSTEM_TEXT = (language: string) =>
  [
    'You summarize arXiv papers for researchers who skim a daily feed.',
    `Answer in ${languageName(language)}, in Markdown, with these sections in this order:`,
    'TL;DR (one sentence), Contributions (2-4 bullet points), Method, Results, Limitations.',
    'Use only the title and abstract given; no HTML.',
  ].join(' ');

function paperText(paper: Paper, lang: string): string {
  const title = unwrapWhitespace(stripXmlIllegal(paper.title)).slice(0, MAX_TITLE_CHARS);
  const abstract = unwrapWhitespace(stripXmlIllegal(paper.abstract)).slice(0, MAX_ABSTRACT_CHARS);
  return [`arXiv:${paper.id}v${paper.version}`, `Language: ${lang}`, `Title: ${title}`, '', `Abstract: ${abstract}`].join('\n');
}

export type SummaryMode = 'json' | 'text';

export function buildSummaryMessages(paper: Paper, lang: string, mode: SummaryMode): ChatCompletionMessageParam[] {
  return [
    { role: 'system', content: mode === 'json' ? SYSTEM_JSON(lang) : SYSTEM_TEXT(lang) },
    { role: 'user', content: paperText(paper, lang) },
  ];
}

/** Rough token estimate (≈ 4 characters per token in English; CJK output runs denser, so it is a floor). */
export const estimateTokens = (messages: ChatCompletionMessageParam[]) =>
  Math.ceil(messages.reduce((n, m) => n + String(m.content ?? '').length, 0) / 4);
