/**
 * Small topical corpora for the learned-ranking tests: papers on three distinct subjects written
 * from a few sentences each (plus sentences every subject shares), so "resembles the liked papers"
 * has a known right answer. Deterministic; ids 2501.1xxxx by topic and number.
 */
import type { Day, Paper } from '../../lib/model/paper';

export const TOPICS = {
  serving: [
    'We study KV cache compression for large language model inference on GPUs.',
    'Our serving system batches requests and evicts cold KV cache blocks to keep decoding latency low.',
    'Speculative decoding with a small draft model doubles token throughput during LLM serving.',
    'Quantization of the KV cache to 2 bits cuts GPU memory while attention kernels stay fast.',
    'A paged attention kernel schedules prefill and decode phases across GPU memory.',
    'We reduce time to first token for long prompts in LLM inference servers.',
  ],
  proteins: [
    'We predict protein structure from amino acid sequences with a geometric graph network.',
    'Protein folding models trained on crystallography data generalize to unseen protein families.',
    'Our model designs binding pockets for small molecules on protein surfaces.',
    'Molecular dynamics trajectories supervise a diffusion model of protein conformations.',
    'We benchmark protein language models on enzyme function prediction.',
    'Docking scores for candidate molecules are estimated from protein pocket geometry.',
  ],
  robots: [
    'A quadruped robot learns locomotion policies with reinforcement learning in simulation.',
    'Sim-to-real transfer of grasping policies uses domain randomization of object textures.',
    'Our robot arm learns manipulation skills from human teleoperation demonstrations.',
    'Reward shaping speeds up reinforcement learning for legged robot navigation.',
    'A mobile robot plans paths in cluttered warehouses from lidar observations.',
    'We train dexterous hand policies for in-hand object rotation with reinforcement learning.',
  ],
} as const;
export type Topic = keyof typeof TOPICS;

const SHARED = [
  'Experiments on standard benchmarks show consistent improvements over strong baselines.',
  'We release code and models to support future research.',
  'The method is simple to implement and scales to large datasets.',
  'Ablations confirm that each component contributes to the final results.',
];

const TOPIC_NUMBER: Record<Topic, number> = { serving: 1, proteins: 2, robots: 3 };

/** Paper `n` of a topic: three of its sentences (a different mix per n) and two shared ones. */
export function topicPaper(topic: Topic, n: number, day: Day = '2025-01-10', overrides: Partial<Paper> = {}): Paper {
  const own = TOPICS[topic];
  const pick = (k: number) => own[(n * 5 + k * 2) % own.length]!;
  const title = `${pick(0).replace(/\.$/, '')} (${topic} study ${n})`;
  return {
    id: `2501.${TOPIC_NUMBER[topic]}${String(n).padStart(4, '0')}`,
    version: 1,
    title,
    abstract: [pick(1), pick(2), pick(3), SHARED[n % SHARED.length]!, SHARED[(n + 1) % SHARED.length]!].join(' '),
    authors: [`Author ${topic} ${n}`],
    categories: ['cs.LG'],
    announceType: 'new',
    announced: day,
    firstAnnounced: day,
    ...overrides,
  };
}

/** `perTopic` papers of every topic. */
export const topicWindow = (perTopic: number, day?: Day): Paper[] =>
  (Object.keys(TOPICS) as Topic[]).flatMap((t) => Array.from({ length: perTopic }, (_, n) => topicPaper(t, n, day)));
