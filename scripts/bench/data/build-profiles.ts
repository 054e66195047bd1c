/**
 * Deterministic reader profiles (plain objects in the saved-profile shape): 10 keywords each from
 * the recorded reference keyword set plus common phrases, a couple of exclude terms, sometimes an
 * author, over the four busy cs categories.
 */
import { SEED } from './build-items';
import { createRng } from './prng';

const PHRASES = [
  'kv cache', 'mixture of experts', 'speculative decoding', 'retrieval augmented generation', 'reinforcement learning',
  'graph neural network', 'diffusion', 'federated learning', 'agents', 'reasoning', 'benchmark', 'robustness', 'privacy',
  'transformer', 'tokenizer', 'compression', 'scheduling', 'GPU', 'serving', 'long context',
];
export const KEYWORD_POOL = [...SEED.keywords, ...PHRASES];
const AUTHOR_POOL = [...new Set(SEED.papers.flatMap((p) => p.authors))];

export type ProfileBody = {
  categories: string[];
  keywords: string[];
  exclude: string[];
  authors: string[];
  min_score: number;
  limit: number;
  days: number;
};

export function buildProfiles(count: number, options: { seed?: number; categories: string[]; days: number; limit: number }): ProfileBody[] {
  const rng = createRng(options.seed ?? 42);
  return Array.from({ length: count }, () => ({
    categories: options.categories,
    keywords: rng.sample(KEYWORD_POOL, 10),
    exclude: rng.sample(SEED.exclude, rng.int(0, 2)),
    authors: rng.chance(0.3) ? rng.sample(AUTHOR_POOL, 1) : [],
    min_score: rng.pick([0, 1, 1, 2]),
    limit: options.limit,
    days: options.days,
  }));
}

/** The 10 keywords of the feed-serving query (reference keywords a systems reader uses), as `q=`. */
export const FEED_QUERY_KEYWORDS = ['LLM', 'Inference', 'Training', 'Attention', 'MOE', 'Quantization', 'Speculative', 'Decoding', 'Distributed', '"kv cache"'];
