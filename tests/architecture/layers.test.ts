import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findLayerViolations } from '../../scripts/layers/find-layer-violations';

const ROOT = path.resolve(__dirname, '../..');

/** A throwaway tree with the given files, to show the check can fail. */
function makeTree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'layers-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

const trees: string[] = [];
afterAll(() => trees.forEach((t) => rmSync(t, { recursive: true, force: true })));

describe('one-way layers', () => {
  it('the repository has no import up or sideways', async () => {
    const { violations, files } = await findLayerViolations(ROOT);
    expect(files).toBeGreaterThan(100);
    expect(violations).toEqual([]);
  });

  it('reports an import up the list (store → feed) and between peers (score → arxiv)', async () => {
    const root = makeTree({
      'lib/feed/render.ts': 'export const x = 1;\n',
      'lib/arxiv/parse.ts': 'export const y = 1;\n',
      'lib/store/store.ts': "import { x } from '../feed/render';\nexport const z = x;\n",
      'lib/score/rank.ts': "import type { y } from '../arxiv/parse';\n",
      'lib/model/paper.ts': "export type P = 1;\n",
      'lib/select/select.ts': "import type { P } from '../model/paper';\nimport { z } from '../store/store';\n",
    });
    trees.push(root);
    const { violations } = await findLayerViolations(root);
    expect(violations.map((v) => `${v.from} → ${v.to}`).sort()).toEqual([
      'lib/score/rank.ts → lib/arxiv/parse.ts',
      'lib/store/store.ts → lib/feed/render.ts',
    ]);
  });

  it('reports lib/ importing scripts/ or tests/, and a folder no layer names', async () => {
    const root = makeTree({
      'tests/helpers/h.ts': 'export const h = 1;\n',
      'scripts/support/s.ts': "import { h } from '../../tests/helpers/h';\n",
      'lib/misc/thing.ts': "export const t = 1;\n",
      'lib/jobs/run.ts': "import { t } from '../misc/thing';\n",
    });
    trees.push(root);
    const { violations } = await findLayerViolations(root);
    expect(violations.map((v) => `${v.fromLayer} → ${v.toLayer}`).sort()).toEqual(['lib/jobs → (no layer)', 'scripts → tests']);
  });
});
