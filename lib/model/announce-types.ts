/** arXiv's announce types, kept free of zod so client components can import them cheaply. */
export const ANNOUNCE_TYPES = ['new', 'cross', 'replace', 'replace-cross'] as const;
