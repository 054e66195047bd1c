/**
 * The layers, top to bottom. A file may import its own unit and any unit of a strictly lower
 * rank: never up, never sideways (peers stay independent, so no cycle can form). The fractional
 * ranks order the output shapers: a profile's links are built from the feed's, the page and the
 * OPML use both.
 */
export type LayerUnit = { unit: string; rank: number };

export const LAYER_TABLE: LayerUnit[] = [
  { unit: 'tests', rank: 8 },
  { unit: 'app', rank: 7 },
  { unit: 'scripts', rank: 7 },
  { unit: 'proxy.ts', rank: 7 },
  { unit: 'instrumentation.ts', rank: 7 },
  { unit: 'lib/http', rank: 6 },
  { unit: 'lib/jobs', rank: 5 },
  { unit: 'lib/preview', rank: 4.2 },
  { unit: 'lib/opml', rank: 4.2 },
  { unit: 'lib/profiles', rank: 4.1 },
  { unit: 'lib/feed', rank: 4 },
  { unit: 'lib/health', rank: 4 },
  { unit: 'lib/select', rank: 3 },
  { unit: 'lib/arxiv', rank: 2 },
  { unit: 'lib/score', rank: 2 },
  { unit: 'lib/summarize', rank: 2 },
  { unit: 'lib/store', rank: 1 },
  { unit: 'lib/model', rank: 0 },
  { unit: 'lib/text', rank: 0 },
  { unit: 'lib/security', rank: 0 },
  { unit: 'lib/errors.ts', rank: 0 },
  // env parses with the model's schemas (language tags), so it sits just above the model.
  { unit: 'lib/env.ts', rank: 0.5 },
  { unit: 'config', rank: 0 },
  { unit: 'package.json', rank: 0 },
];

/** The unit a repository-relative path belongs to (the longest matching entry), or null. */
export function unitOf(relativePath: string): LayerUnit | null {
  const matches = LAYER_TABLE.filter(({ unit }) => relativePath === unit || relativePath.startsWith(`${unit}/`));
  return matches.sort((a, b) => b.unit.length - a.unit.length)[0] ?? null;
}

/** Whether `from` may import `to`. */
export function mayImport(from: LayerUnit, to: LayerUnit): boolean {
  return from.unit === to.unit || to.rank < from.rank;
}
