/**
 * The shared lifecycle of the summary test files: one local OpenAI-compatible server per file, a
 * fresh fixture per test (`world.fx`), cleaned up and the server's request log emptied after each.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { FakeOpenAi } from '../../scripts/support/fake-openai';
import type { SummarizeFixture } from './summarize-setup';

export type SummarizeWorld = { fake: FakeOpenAi; fx: SummarizeFixture | undefined };

export function useSummarizeWorld(): SummarizeWorld {
  const world = { fx: undefined } as SummarizeWorld;
  beforeAll(async () => {
    world.fake = await FakeOpenAi.start();
  });
  afterAll(async () => {
    await world.fake.close();
  });
  afterEach(async () => {
    await world.fx?.cleanup();
    world.fx = undefined;
    world.fake.requests.length = 0;
  });
  return world;
}
