/**
 * The cache scope of a summary: one stored summary per (paper id + version, language, model,
 * prompt version). Bump PROMPT_VERSION whenever the prompt changes so new summaries are made.
 */
export const PROMPT_VERSION = 'p1';

export const summaryScope = (language: string, model: string) => `${language}:${model}:${PROMPT_VERSION}`;
