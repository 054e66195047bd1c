/**
 * Collects the wanted summaries of one run from the ranked windows of its profiles, within a
 * memory bound: a summary already stored and indexed for every day a feed reads is only counted
 * (no entry, no paper kept), and the entries needing work are pruned to the `max` most relevant
 * whenever they reach twice that. Papers are shared by id and version, so the same paper read by
 * several windows (or scopes) is held once. Entries are ordered by the best priority any profile
 * wanting them has (the default and saved profiles before polled selections), then by relevance.
 */
import type { Day, Paper } from '../../model/paper';
import type { SelectedPaper } from '../../select/select-papers';
import { summaryRef } from '../../store/store';
import { wantedKey, type WantedSummary } from '../../summarize/wanted-summary';

/** Most relevant first; ties go to the newer announcement, then the id, so runs are deterministic. */
export const byRelevance = (a: WantedSummary, b: WantedSummary) =>
  b.score - a.score || b.paper.announced.localeCompare(a.paper.announced) || a.key.localeCompare(b.key);

type Entry = WantedSummary & { days: Set<Day>; priority: number };

/** Lower priority first; within one, most relevant first. */
const byPriority = (a: Entry, b: Entry) => a.priority - b.priority || byRelevance(a, b);

export class WantedAccumulator {
  /** Every key some feed wants, done or not, with the best score any profile gave it. */
  private readonly seen = new Map<string, number>();
  /** The best (lowest) priority of the profiles wanting each key. */
  private readonly priorities = new Map<string, number>();
  /** Keys some feed reads without their summary: the backlog, whether or not its entry was pruned. */
  private readonly missing = new Set<string>();
  private entries = new Map<string, Entry>();
  private readonly papers = new Map<string, Paper>();

  constructor(private readonly max: number) {}

  add(ranked: SelectedPaper[], scope: string, language: string, priority = 0): void {
    for (const { paper, score, summary } of ranked) {
      const key = wantedKey(paper.id, paper.version, scope);
      const best = Math.max(score, this.seen.get(key) ?? -Infinity);
      this.seen.set(key, best);
      const first = Math.min(priority, this.priorities.get(key) ?? Infinity);
      this.priorities.set(key, first);
      const entry = this.entries.get(key);
      if (entry) Object.assign(entry, { score: best, priority: first });
      if (summary) continue;
      this.missing.add(key);
      if (entry) entry.days.add(paper.announced);
      else
        this.entries.set(key, { key, paper: this.shared(paper), language, scope, score: best, priority: first, missingDays: [], days: new Set([paper.announced]) });
    }
    if (this.entries.size >= 2 * this.max) this.prune();
  }

  /** The same paper (id, version, announcement) from another window is the same object. */
  private shared(paper: Paper): Paper {
    const ref = `${summaryRef(paper.id, paper.version)}@${paper.announced}`;
    const known = this.papers.get(ref);
    if (known) return known;
    this.papers.set(ref, paper);
    return paper;
  }

  private prune(): void {
    const kept = [...this.entries.values()].sort(byPriority).slice(0, this.max);
    this.entries = new Map(kept.map((e) => [e.key, e]));
    const refs = new Set(kept.map((e) => `${summaryRef(e.paper.id, e.paper.version)}@${e.paper.announced}`));
    for (const ref of this.papers.keys()) if (!refs.has(ref)) this.papers.delete(ref);
  }

  result(): { wanted: WantedSummary[]; candidates: number; done: number } {
    const wanted = [...this.entries.values()]
      .sort(byPriority)
      .slice(0, this.max)
      .map(({ days, priority: _priority, ...w }) => ({ ...w, missingDays: [...days].sort() }));
    return { wanted, candidates: this.seen.size, done: this.seen.size - this.missing.size };
  }
}
