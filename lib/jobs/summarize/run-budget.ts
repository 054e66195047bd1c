/**
 * The budgets one summarize run shares between its concurrent calls: papers started
 * (SUMMARY_MAX_PAPERS), tokens spent plus reserved (SUMMARY_MAX_TOKENS), and the time left before
 * the deadline. Reservations are taken before a call and released with what it really cost.
 */
import type { Clock } from '../../summarize/llm-retry';
import type { WantedSummary } from '../../summarize/wanted-summary';
import { expectedPromptTokens } from '../../summarize/summary-prompt';
import type { PaperOutcome, Reservation, SkipReason } from '../../summarize/summarize-paper';

/** No new call starts with less time than this left before the deadline (a call takes 2–15 s). */
export const MIN_CALL_WINDOW_MS = 8_000;
/** Completion tokens assumed before the run has seen a real answer. */
const TYPICAL_COMPLETION_TOKENS = 400;
/** Store reads still start this close to the deadline; LLM calls need MIN_CALL_WINDOW_MS. */
const READ_MARGIN_MS = 1_000;

/** Budgets shared by the concurrent calls of one run. */
export class RunBudget {
  started = 0;
  answered = 0;
  tokensSpent = 0;
  tokensReserved = 0;
  stoppedBy: SkipReason | null = null;
  private callMsTotal = 0;

  constructor(
    private readonly maxPapers: number,
    private readonly maxTokens: number,
    private readonly deadline: number,
    private readonly minCallWindowMs: number,
    private readonly clock: Clock,
    /** SUMMARY_FULLTEXT_MAX_CHARS when summaries read the full text: each call may send that much. */
    private readonly fullTextMaxChars?: number,
  ) {}

  /** Tokens one more call will likely cost: this paper's prompt plus the run's average answer so far. */
  private expectedTokens(item: WantedSummary): number {
    const prompt = expectedPromptTokens(item.paper, item.language, this.fullTextMaxChars);
    const typicalAnswer = this.answered ? this.tokensSpent / this.answered : prompt + TYPICAL_COMPLETION_TOKENS;
    return Math.max(prompt + TYPICAL_COMPLETION_TOKENS / 2, typicalAnswer);
  }

  /** Calls take the run's average time once known; before that the configured window. */
  private callWindowMs(): number {
    return this.answered ? Math.max(this.minCallWindowMs, this.callMsTotal / this.answered) : this.minCallWindowMs;
  }

  /** Past the deadline (or the provider gave up) even a cache read is one too many: skip without I/O. */
  hardStop(): PaperOutcome | null {
    if (this.stoppedBy === 'provider') return { kind: 'skipped', reason: 'provider' };
    if (this.clock.now() + READ_MARGIN_MS >= this.deadline) {
      this.stoppedBy = 'deadline';
      return { kind: 'skipped', reason: 'deadline' };
    }
    return null;
  }

  reserve(item: WantedSummary): Reservation | { ok: false; reason: SkipReason } {
    if (this.stoppedBy === 'provider') return { ok: false, reason: 'provider' };
    if (this.clock.now() + this.callWindowMs() > this.deadline) return { ok: false, reason: (this.stoppedBy = 'deadline') };
    if (this.started >= this.maxPapers) return { ok: false, reason: (this.stoppedBy ??= 'papers') };
    const expected = this.expectedTokens(item);
    if (this.tokensSpent + this.tokensReserved + expected > this.maxTokens) return { ok: false, reason: (this.stoppedBy ??= 'tokens') };
    this.started++;
    this.tokensReserved += expected;
    const startedAt = this.clock.now();
    return {
      ok: true,
      release: (tokens) => {
        this.tokensReserved -= expected;
        if (tokens === null) {
          this.started--;
          return;
        }
        this.answered++;
        this.tokensSpent += tokens;
        this.callMsTotal += this.clock.now() - startedAt;
      },
    };
  }
}
