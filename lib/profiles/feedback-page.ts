/**
 * The tiny page behind a feed item's "More like this" / "Less like this" link. Following the link
 * (GET) records nothing: the page's own script sends the POST, so one click is enough for a
 * person while link prefetchers and scanners, which run no script, record nothing. With scripts
 * off the page shows the same POST as a button. Once recorded it says what, with an Undo.
 *
 * Served by the route handler itself with its own policy (script and style by nonce, requests
 * and forms only to this origin), every text and attribute escaped by html-fragment.ts. The script
 * is a constant and reads what it needs from the page's data attributes.
 */
import { h, renderHtml, type HtmlNode } from '../feed/html-fragment';
import { absUrl } from '../model/paper';
import type { FeedbackSignal } from './feedback';

export type FeedbackPageState = 'confirm' | 'recorded' | 'undone';

export type FeedbackPageInput = {
  state: FeedbackPageState;
  id: string;
  /** The signal the link asked for (the one Undo takes back). */
  signal: Exclude<FeedbackSignal, 'clear'>;
  /** The profile's feedback URL (the page's own, without query). */
  action: string;
  nonce: string;
  /** The lists' sizes after the change, when one was just made. */
  counts?: { liked: number; disliked: number };
};

const LABEL = { more: 'More like this', less: 'Less like this' } as const;

// Kept free of quotes, <, > and &: it goes through the same escaping as any text, and must come out unchanged.
const SCRIPT = `(function () {
  var record = document.getElementById(\`record\`);
  var undo = document.getElementById(\`undo\`);
  var status = document.getElementById(\`status\`);
  function counts(r) {
    return \` This feed now follows \` + r.liked + \` liked and \` + r.disliked + \` disliked papers.\`;
  }
  function post(form, signal, done) {
    var url = new URL(form.action);
    fetch(url.href, {
      method: \`POST\`,
      headers: { [\`content-type\`]: \`application/json\` },
      body: JSON.stringify({ id: url.searchParams.get(\`id\`), signal: signal }),
    }).then(function (r) {
      return r.ok ? r.json().then(done) : Promise.reject(new Error(\`the server answered \` + r.status));
    }).catch(function (err) {
      status.textContent = \`Not recorded: \` + err.message + \`. The button below tries again.\`;
      if (record) record.hidden = false;
    });
  }
  if (record) record.addEventListener(\`submit\`, function (event) {
    event.preventDefault();
    post(record, record.dataset.signal, function (r) {
      status.textContent = record.dataset.done + counts(r);
      record.hidden = true;
      undo.hidden = false;
    });
  });
  undo.addEventListener(\`submit\`, function (event) {
    event.preventDefault();
    post(undo, \`clear\`, function (r) {
      status.textContent = undo.dataset.done + counts(r);
      undo.hidden = true;
      if (record) record.hidden = false;
    });
  });
  if (record) if (record.dataset.auto) {
    record.hidden = true;
    record.requestSubmit();
  }
})();`;
if (/["'<>&]/.test(SCRIPT)) throw new Error('feedback-page: the script must not contain quotes, <, > or &');

const STYLE = 'body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem}button{font:inherit;padding:.3rem .8rem}';

/**
 * The feedback route's other answers (JSON results and errors) carry the API's policy themselves:
 * next.config.mjs leaves this one path to the route. The same string as its API_CONTENT_SECURITY_POLICY.
 */
export const DATA_ANSWER_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox";

/** The policy the page is served with: nothing but its own script and style, requests and forms to this origin. */
export const feedbackPagePolicy = (nonce: string) =>
  [`default-src 'none'`, `script-src 'nonce-${nonce}'`, `style-src 'nonce-${nonce}'`, `connect-src 'self'`, `form-action 'self'`, `base-uri 'none'`, `frame-ancestors 'none'`].join('; ');

function statusText({ state, id, signal, counts }: FeedbackPageInput): string {
  const after = counts ? ` This feed now follows ${counts.liked} liked and ${counts.disliked} disliked papers.` : '';
  if (state === 'recorded') return `Recorded “${LABEL[signal]}” for arXiv:${id}: the feed ranks papers accordingly from its next update.${after}`;
  if (state === 'undone') return `Undone: arXiv:${id} is neither liked nor disliked now.${after}`;
  return `Recording “${LABEL[signal]}” for arXiv:${id}…`;
}

/** The record and undo buttons as plain POST forms; only the one that applies now is shown. */
function forms(input: FeedbackPageInput): HtmlNode[] {
  const target = new URL(input.action);
  target.searchParams.set('id', input.id);
  // Kept for the page a form POST gets back, which then still knows which link it came from.
  target.searchParams.set('signal', input.signal);
  const shown = (visible: boolean): Record<string, string> => (visible ? {} : { hidden: '' });
  const record = h(
    'form',
    {
      id: 'record',
      method: 'post',
      action: target.href,
      'data-signal': input.signal,
      'data-done': `Recorded “${LABEL[input.signal]}” for arXiv:${input.id}.`,
      // Sent by the script as soon as the page loads: the click on the feed's link was the person's.
      ...(input.state === 'confirm' ? { 'data-auto': '1' } : {}),
      ...shown(input.state !== 'recorded'),
    },
    h('button', { type: 'submit', name: 'signal', value: input.signal }, `Record “${LABEL[input.signal]}”`),
  );
  const undo = h(
    'form',
    { id: 'undo', method: 'post', action: target.href, 'data-done': `Undone: arXiv:${input.id} is neither liked nor disliked now.`, ...shown(input.state === 'recorded') },
    h('button', { type: 'submit', name: 'signal', value: 'clear' }, 'Undo'),
  );
  return [record, undo];
}

export function feedbackPageHtml(input: FeedbackPageInput): string {
  const head = h(
    'head',
    null,
    // A form POST must carry this origin in `Origin` (the write check, lib/http/api-gate.ts); the
    // site-wide no-referrer policy would send `Origin: null`. Other sites still get no referrer.
    h('meta', { name: 'referrer', content: 'same-origin' }),
    h('meta', { name: 'robots', content: 'noindex' }),
    h('title', null, `${LABEL[input.signal]} · arXiv feeds`),
    h('style', { nonce: input.nonce }, STYLE),
  );
  const body = h(
    'body',
    null,
    h('h1', null, LABEL[input.signal]),
    h('p', { id: 'status' }, statusText(input)),
    h('p', null, h('a', { href: absUrl(input.id) }, `arXiv:${input.id}`)),
    ...forms(input),
    h('script', { nonce: input.nonce }, SCRIPT),
  );
  return `<!DOCTYPE html>${renderHtml([h('html', { lang: 'en' }, head, body)])}`;
}

export function feedbackPageResponse(input: FeedbackPageInput, status = 200): Response {
  return new Response(feedbackPageHtml(input), {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': feedbackPagePolicy(input.nonce),
      'x-robots-tag': 'noindex',
    },
  });
}
