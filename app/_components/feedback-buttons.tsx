'use client';
/**
 * "More like this" / "Less like this" on a card of a saved profile's page. Each button shows
 * whether it is the paper's recorded state (aria-pressed); pressing the pressed one, or Undo,
 * clears it. The state comes from the server and follows what this card records.
 */
import { useState } from 'react';
import styles from './feedback.module.css';
import { feedbackPath, useFeedbackRequest, type FeedbackSignal, type FeedbackState } from './use-feedback-request';

const DONE: Record<FeedbackSignal, string> = {
  more: 'Recorded “More like this”: papers like it now rank higher.',
  less: 'Recorded “Less like this”: papers like it now rank lower.',
  clear: 'Undone: neither liked nor disliked.',
};

const stateAfter = (signal: FeedbackSignal): FeedbackState => (signal === 'more' ? 'liked' : signal === 'less' ? 'disliked' : null);

export function FeedbackButtons({ token, id, state }: { token: string; id: string; state: FeedbackState }) {
  const { busy, send } = useFeedbackRequest();
  const [shown, setShown] = useState<FeedbackState>(state);
  const [known, setKnown] = useState<FeedbackState>(state);
  const [message, setMessage] = useState<{ text: string; undo: boolean; error?: boolean } | null>(null);
  // A new state from the server (another card, the panel) wins over what this card last showed.
  if (state !== known) {
    setKnown(state);
    setShown(state);
  }
  const record = async (signal: FeedbackSignal) => {
    const answer = await send('POST', feedbackPath(token, 'feedback'), { id, signal });
    if (!answer.ok) return setMessage({ text: `Not recorded: ${answer.message}.`, undo: false, error: true });
    setShown(stateAfter(signal));
    setMessage({ text: DONE[signal], undo: signal !== 'clear' });
  };
  return (
    <div className={styles.cardFeedback} role="group" aria-label={`Your feedback on arXiv:${id}`}>
      <button type="button" className={styles.choice} aria-pressed={shown === 'liked'} disabled={busy} onClick={() => record(shown === 'liked' ? 'clear' : 'more')}>
        More like this
      </button>
      <button type="button" className={styles.choice} aria-pressed={shown === 'disliked'} disabled={busy} onClick={() => record(shown === 'disliked' ? 'clear' : 'less')}>
        Less like this
      </button>
      <span className={message?.error ? styles.error : styles.status} role="status">
        {message?.text}
        {message?.undo && (
          <button type="button" className={styles.undo} disabled={busy} onClick={() => record('clear')}>
            Undo
          </button>
        )}
      </span>
    </div>
  );
}
