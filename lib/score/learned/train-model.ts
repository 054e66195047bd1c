/**
 * Trains a profile's learned model from its feedback, the way arxiv-sanity-lite ranks by a
 * user's tags: tf-idf (1–2-grams, sublinear tf) fitted on the window, and a linear SVM with the
 * liked papers as positives and a fixed sample of the rest of the window as negatives.
 *
 * Dislikes never enter the classifier, not even through idf: they only subtract, by resemblance
 * (score-learned.ts). So a "less like this" can push a paper down but never lift another one up,
 * and the window sample is chosen from the ids alone (a hash order), never from the feedback.
 */
import type { Paper } from '../../model/paper';
import { draftClassifier, finishClassifier, type TrainingRow } from './fit-classifier';
import { featuresOf, fitWindow, othersWith, type FittedWindow } from './fit-window';
import { LearnedModelSchema, MODEL_FORMAT, type LearnedModel, type PaperSketch } from './learned-model';
import { draftSketch, finishSketch, sketchFeatures, type SketchDraft } from './sketch-paper';
import { spellTerms, termHash } from './term-vector';

/**
 * Window papers the model is fitted on (idf) and trained against (as "not liked"), besides the
 * liked ones: a larger window costs time and changes little.
 */
export const WINDOW_SAMPLE = 2_000;

export type TrainInput = {
  /** Papers the model is fitted on: idf, negatives, and the text of feedback papers found there. */
  window: readonly Paper[];
  liked: readonly string[];
  disliked: readonly string[];
  /** The model trained before, whose sketches stand in for feedback papers that left the window. */
  previous?: LearnedModel | null;
  /**
   * Feedback papers' text from outside the window (an import fetched them from arXiv): learned
   * from like window papers, never sampled as negatives. Their sketches then keep them learnable.
   */
  extra?: readonly Paper[];
  now: Date;
};

/** A feedback paper: in the window (drafted from its text), or known only by an earlier sketch. */
type Feedback = { paper: Paper; draft: SketchDraft; features: ReturnType<typeof featuresOf> } | { sketch: PaperSketch };

function dedupeById(window: readonly Paper[]): Map<string, Paper> {
  const byId = new Map<string, Paper>();
  for (const paper of window) if (!byId.has(paper.id)) byId.set(paper.id, paper);
  return byId;
}

/** The same window always gives the same sample, whatever anyone liked or disliked: the first papers in id-hash order. */
function sampleWindow(byId: Map<string, Paper>): Paper[] {
  const keyed = [...byId.values()].map((p) => ({ p, key: termHash(p.id) >>> 0 }));
  keyed.sort((a, b) => a.key - b.key || (a.p.id < b.p.id ? -1 : 1));
  return keyed.slice(0, WINDOW_SAMPLE).map(({ p }) => p);
}

function findFeedback(ids: readonly string[], byId: Map<string, Paper>, fitted: () => FittedWindow, previous: Map<string, PaperSketch>, notFound: string[]): Feedback[] {
  return ids.flatMap((id): Feedback[] => {
    const paper = byId.get(id);
    if (paper) {
      const features = featuresOf(fitted(), paper);
      return [{ paper, features, draft: draftSketch(paper, features, (hash) => othersWith(fitted(), hash, id) > 0) }];
    }
    const sketch = previous.get(id);
    if (!sketch) notFound.push(id);
    return sketch ? [{ sketch }] : [];
  });
}

const finish = (f: Feedback, names: ReadonlyMap<number, string>) => ('sketch' in f ? f.sketch : finishSketch(f.draft, names));

export function trainLearnedModel(input: TrainInput): LearnedModel {
  const byId = dedupeById(input.window);
  const withText = input.extra?.length ? dedupeById([...input.window, ...input.extra]) : byId;
  const previous = new Map([...(input.previous?.liked ?? []), ...(input.previous?.disliked ?? [])].map((s) => [s.id, s]));
  const likedIds = new Set(input.liked);
  const likedInWindow = input.liked.flatMap((id) => withText.get(id) ?? []);
  const negatives = sampleWindow(byId).filter((p) => !likedIds.has(p.id));
  const fitted = fitWindow([...likedInWindow, ...negatives]);
  const notFound: string[] = [];
  const liked = findFeedback(input.liked, withText, () => fitted, previous, notFound);
  const disliked = findFeedback(input.disliked, withText, () => fitted, previous, notFound);
  const rows: TrainingRow[] = [
    ...liked.map((f): TrainingRow => ({ features: 'sketch' in f ? sketchFeatures(f.sketch) : f.features, label: 1 })),
    ...negatives.map((paper): TrainingRow => ({ features: featuresOf(fitted, paper), label: -1 })),
  ];
  const draft = liked.length && negatives.length ? draftClassifier(fitted, rows) : null;
  const wanted = new Set([...(draft?.kept ?? []).map((t) => t.hash), ...[...liked, ...disliked].flatMap((f) => ('draft' in f ? f.draft.hashes : []))]);
  // Feedback papers name most kept terms; negatives only the few strongly negative ones left.
  const names = spellTerms([...liked, ...disliked].flatMap((f) => ('paper' in f ? [f.paper] : [])).concat(negatives), wanted);
  return LearnedModelSchema.parse({
    format: MODEL_FORMAT,
    trainedAt: input.now.toISOString(),
    classifier: draft ? finishClassifier(fitted, draft, names) : null,
    liked: liked.map((f) => finish(f, names)),
    disliked: disliked.map((f) => finish(f, names)),
    notFound,
    window: { papers: byId.size, negatives: negatives.length },
  });
}
