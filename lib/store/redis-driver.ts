// Placeholder until the Redis backend lands (issue 5).
import type { KvDriver } from './driver';
export function createRedisDriver(_url: string): KvDriver {
  throw new Error('Redis backend not implemented yet');
}
