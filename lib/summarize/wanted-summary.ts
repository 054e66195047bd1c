/** One summary the summarizer should make: a paper version in one summary scope. */
import type { Day, Paper } from '../model/paper';
import { summaryRef } from '../store/store';

export type WantedSummary = {
  /** `${id}v${version}@${scope}`: one stored summary, one LLM call at most. */
  key: string;
  paper: Paper;
  language: string;
  scope: string;
  /** Highest score any profile gave the paper. */
  score: number;
  /** Days whose summary index some feed reads and that do not list this summary yet. */
  missingDays: Day[];
};

export const wantedKey = (id: string, version: number, scope: string) => `${summaryRef(id, version)}@${scope}`;
