/**
 * The matching rules (lib/score/compile-term.ts) on real arXiv titles and abstracts: whole words,
 * inflections, acronyms and their plurals, hyphens, quoted phrases, LaTeX, diacritics.
 */
import { describe, expect, it } from 'vitest';
import { compileTerm } from '../../lib/score/compile-term';
import { indexPaper, IN_ABSTRACT, IN_TITLE } from '../../lib/score/index-paper';
import { paper } from './score-helpers';

/** Where `term` matches: 'title', 'abstract', 'both' or null. */
function whereMatches(term: string, title: string, abstract = ''): string | null {
  const fields = compileTerm(term)!.fieldsIn(indexPaper(paper(title, abstract)));
  return fields === (IN_TITLE | IN_ABSTRACT) ? 'both' : fields === IN_TITLE ? 'title' : fields === IN_ABSTRACT ? 'abstract' : null;
}

describe('whole words, never substrings (the seed\'s false positives)', () => {
  it.each([
    ['RL', 'Neuro-Symbolic Synergy for Interactive World Modeling'],
    ['RL', 'PediaMind-R1: A Temperament-Aware Language Model for Personalized Early Childhood Care'],
    ['RL', 'MerLin: A Discovery Engine for Photonic and Hybrid Quantum Machine Learning'],
    ['SSM', 'When to Invoke: Refining LLM Fairness with Toxicity Assessment'],
    ['Fast', 'Breakfast recommendation with knowledge graphs'],
    ['Training', 'EvoEdit: Lifelong Free-Text Knowledge Editing through Latent Perturbation without retraining'],
    ['LLM', 'Learning Unmasking Policies for Diffusion Language Models (dLLMs)'],
    ['MOE', 'Homoeomorphic embeddings of graphs'],
    ['Network', 'Networkx-based graph tooling'],
  ])('%s does not match inside a longer word: %s', (term, title) => {
    expect(whereMatches(term, title)).toBeNull();
  });
});

describe('inflections of plain words', () => {
  it.each([
    ['Decode', 'Speculative decoding with adaptive drafting', 'title'],
    ['decode', 'Tokens are decoded in parallel', 'title'],
    ['Network', 'Scalable Construction of Spiking Neural Networks using up to thousands of GPUs', 'title'],
    ['Cluster', 'O-EENC-SD: Efficient Online End-to-End Neural Clustering for Speaker Diarization', 'title'],
    ['plan', 'Closing the Train-Test Gap in World Models for Gradient-Based Planning', 'title'],
    ['apply', 'Rules applied to proofs', 'title'],
    ['Efficiency', 'Efficiencies of scale', 'title'],
  ])('%s matches %s', (term, title, where) => {
    expect(whereMatches(term, title)).toBe(where);
  });

  it.each([
    ['transform', 'Graph transforms for sparse attention'],
    ['transform', 'Tokens are transformed in place'],
    ['transform', 'Transforming weights before quantization'],
    ['model', 'Language models at scale'],
    ['model', 'The data is modeled as a graph'],
    ['model', 'World modelling for robots'],
    ['model', 'World modeling for robots'],
    ['use', 'Tools the agent uses, used and is using'],
    ['bit', 'Two bits per weight'],
    ['study', 'Case studies of studied and studying agents'],
    ['stop', 'Early stopping criteria'],
    ['batch', 'Batches of prompts are batched'],
    ['index', 'Vector indexes for retrieval'],
    ['echo', 'Echoes of the prompt'],
    ['agree', 'Annotators agreeing on labels'],
    ['Transformer', 'Vision Transformers at scale'],
    ['later', 'Decide later'],
  ])('%s matches its own inflection in %s', (term, title) => {
    expect(whereMatches(term, title)).toBe('title');
  });

  it.each([
    ['transform', 'Vision Transformers at scale'],
    ['transform', 'A transformer-based decoder'],
    ['late', 'Tokens that arrive later'],
    ['late', 'The latest checkpoints'],
    ['use', 'Recommendations for users'],
    ['use', 'A user study'],
    ['bit', 'A bitter lesson'],
    ['Decode', 'A decoder-only transformer'],
    ['decode', 'Multiple decoders'],
    ['fast', 'Faster inference'],
    ['fast', 'The fastest kernels'],
    ['train', 'A trainer for agents'],
    ['low', 'Lower bounds'],
    ['large', 'Larger models'],
    ['early', 'Earlier work'],
    ['big', 'Bigger is not better'],
    ['not', 'Release notes'],
    ['tap', 'Tapes of the past'],
  ])('no agent nouns, comparatives or other words: %s does not match %s', (term, title) => {
    expect(whereMatches(term, title)).toBeNull();
  });

  it.each([
    ['Efficient', 'It runs efficiently on one GPU'],
    ['Efficient', 'Efficiency Bottleneck in RLHF Training'],
    ['Scalable', 'Scalability of mixture models'],
    ['Decoding', 'Decode once, verify many'],
  ])('no derivations: %s does not match %s', (term, title) => {
    expect(whereMatches(term, title)).toBeNull();
  });
});

describe('acronyms: whole tokens, case-insensitive, plural s, hyphen-separated', () => {
  it.each([
    ['RL', 'RL-based fine-tuning of reasoning models'],
    ['RL', 'Neuro-symbolic Action Masking for Deep Reinforcement Learning (deep rl)'],
    ['LLM', 'SignRoundV2: Closing the Performance Gap in Extremely Low-Bit Post-Training Quantization for LLMs'],
    ['MoE', 'Routing in MoEs: load balancing revisited'],
    ['MOE', 'Sparse MoE layers'],
    ['FP8', 'FP8-E4M3 training recipes'],
    ['FP8', 'Mixed $\\text{FP8}$ precision'],
    ['LLM', "An LLM's memory"],
  ])('%s matches %s', (term, title) => {
    expect(whereMatches(term, title)).toBe('title');
  });

  it.each([
    ['FP4', 'at 2-bits and even 4-bits (e.g., MXFP4)'],
    ['RL', 'State-Dependent Refusal and Learned Incapacity in RLHF-Aligned Language Models'],
    ['LLM', 'Training LLMed systems'],
    ['MoE', 'MoEfication of dense models'],
  ])('%s does not match %s (no forms beyond the plural)', (term, title) => {
    expect(whereMatches(term, title)).toBeNull();
  });
});

describe('several words and hyphens', () => {
  it.each([
    ['multi-agent', 'Multi-Agent Reinforcement Learning for Intraday Operating Rooms Scheduling under Uncertainty'],
    ['multi-agent', 'A multi agent benchmark'],
    ['multi-agent', 'Multiagent path finding'],
    ['kv cache', 'Compressing KV-caches for long contexts'],
    ['kv cache', 'The KV cache grows linearly'],
    ['State Space', 'How Many Heads Make an SSM? A Unified Framework for Attention and State Space Models'],
    ['GPT-4', 'Evaluating GPT4 on math'],
  ])('%s matches %s', (term, title) => {
    expect(whereMatches(term, title)).toBe('title');
  });

  it('does not match the words apart or across sentences', () => {
    expect(whereMatches('kv cache', 'KV stores. A cache of results')).toBeNull();
    expect(whereMatches('kv cache', 'cache the KV')).toBeNull();
  });
});

describe('quoted phrases are exact', () => {
  it('matches the words exactly, any whitespace between', () => {
    expect(whereMatches('"kv cache"', 'Paged KV  cache management')).toBe('title');
    expect(whereMatches('"kv cache"', 'Paged KV\ncache management')).toBe('title');
  });
  it('has no inflections, plurals or hyphen variants', () => {
    expect(whereMatches('"kv cache"', 'Paged KV caches')).toBeNull();
    expect(whereMatches('"kv cache"', 'Paged KV-cache')).toBeNull();
    expect(whereMatches('"decode"', 'Speculative decoding')).toBeNull();
    expect(whereMatches('"LLM"', 'LLMs at scale')).toBeNull();
    expect(whereMatches('"LLM"', 'An LLM at scale')).toBe('title');
  });
});

describe('LaTeX and accents', () => {
  it('reads words around math without crashing or gluing them', () => {
    expect(whereMatches('Fusion', '$H^3$Fusion: Helpful, Harmless, Honest Fusion of Aligned LLMs')).toBe('title');
    expect(whereMatches('H3', '$H^3$Fusion: Helpful, Harmless, Honest Fusion of Aligned LLMs')).toBeNull();
    expect(whereMatches('cal', 'Bounds in $\\mathcal{O}(n \\log n)$ time')).toBeNull();
    expect(whereMatches('log', 'Bounds in $\\mathcal{O}(n \\log n)$ time')).toBeNull();
    expect(whereMatches('attention', 'Linear $\\text{attention}$ in $O(n)$')).toBe('title');
  });
  it('folds TeX accents and Unicode diacritics in text and terms', () => {
    expect(whereMatches('dejavu', "TinyD\\'ej\\`aVu: Smaller Memory Footprint & Faster Inference on Sensor Data Streams")).toBeNull();
    expect(whereMatches('TinyDejaVu', "TinyD\\'ej\\`aVu: Smaller Memory Footprint & Faster Inference on Sensor Data Streams")).toBe('title');
    expect(whereMatches('faster', "TinyD\\'ej\\`aVu: Smaller Memory Footprint & Faster Inference")).toBe('title');
    expect(whereMatches('naïve', 'A naive baseline')).toBe('title');
    expect(whereMatches('naive', 'A naïve baseline')).toBe('title');
  });
  it.each(['', '   ', '"', '""', '$$', '\\\\', '---'])('a term without words (%j) compiles to nothing', (term) => {
    expect(compileTerm(term)).toBeNull();
  });
  it('survives hostile input', () => {
    const nasty = '\\"{ $$ \\frac{ }{ \u0000 \uD800 ((( [[[ ]]] .*+?^${}()|';
    for (const term of ['RL', 'kv cache', '"a.*b"', '(((', nasty]) {
      const compiled = compileTerm(term);
      expect(() => compiled?.fieldsIn(indexPaper(paper(nasty, nasty)))).not.toThrow();
    }
  });
});

it('tells title from abstract', () => {
  expect(whereMatches('Quantization', 'SignRoundV2: Post-Training Quantization for LLMs', 'Extreme low-bit quantization is critical')).toBe('both');
  expect(whereMatches('framework', 'SignRoundV2', 'a post-training quantization framework')).toBe('abstract');
});
