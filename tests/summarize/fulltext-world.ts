/**
 * The shared lifecycle of the full-text test files: the paper-file stand-in and the fake LLM,
 * started once per file, emptied after each test; and the synthetic paper files to serve.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { FakeArxivPapers } from '../../scripts/support/fake-arxiv-papers';
import { FakeOpenAi } from '../../scripts/support/fake-openai';
import { latexmlHtml, paperPdf, paperSections } from '../../scripts/support/paper-files';

export type FullTextWorld = {
  files: FakeArxivPapers;
  llm: FakeOpenAi;
  /** Serves the paper's HTML rendering (`paragraphs` per section). */
  serveHtml: (id: string, paragraphs?: number) => void;
  servePdf: (id: string, paragraphs?: number) => void;
};

export function useFullTextWorld(): FullTextWorld {
  const world = {
    serveHtml: (id: string, paragraphs = 2) => void world.files.files.html.set(`${id}v1`, latexmlHtml(id, paperSections(id, paragraphs))),
    servePdf: (id: string, paragraphs = 2) => void world.files.files.pdf.set(`${id}v1`, paperPdf(id, paperSections(id, paragraphs))),
  } as FullTextWorld;
  beforeAll(async () => {
    [world.files, world.llm] = await Promise.all([FakeArxivPapers.start(), FakeOpenAi.start()]);
  });
  afterAll(async () => {
    await Promise.all([world.files.close(), world.llm.close()]);
  });
  afterEach(() => {
    world.files.reset();
    world.llm.requests.length = 0;
    world.llm.options = {};
  });
  return world;
}
