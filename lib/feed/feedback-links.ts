/**
 * "More like this" / "Less like this" under each item of a saved profile's feed: links to the
 * profile's feedback page, which records the signal only when a person's browser confirms it (its
 * script, or a button), so readers and scanners that prefetch links record nothing.
 */
export type FeedbackLinks = { more: string; less: string };

/** Both links for one paper, on `base` (the absolute URL of the profile's feedback page). */
export function feedbackLinks(base: string, id: string): FeedbackLinks {
  const link = (signal: 'more' | 'less') => {
    const url = new URL(base);
    url.searchParams.set('id', id);
    url.searchParams.set('signal', signal);
    return url.href;
  };
  return { more: link('more'), less: link('less') };
}
