/**
 * Fails when an import points up the layer list (or sideways between peers), which is what
 * keeps the folders' data flow one-way: app/ and scripts/ → lib/jobs → lib/feed, lib/preview,
 * lib/opml, lib/profiles → lib/select → lib/arxiv, lib/score, lib/summarize → lib/store →
 * lib/model, errors, env. Run by `.ci/run` and by tests/architecture/layers.test.ts.
 *
 * Usage: tsx scripts/check-layers.ts [root]
 */
import { pathToFileURL } from 'node:url';
import { findLayerViolations } from './layers/find-layer-violations';

async function main(root: string): Promise<number> {
  const { violations, files } = await findLayerViolations(root);
  for (const v of violations) console.error(`layers: ${v.from} imports ${v.to} (${v.fromLayer} may not import ${v.toLayer})`);
  console.log(`layers: ${files} files checked, ${violations.length} violation(s)`);
  return violations.length === 0 ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv[2] ?? process.cwd());
}
