// Placeholder until the Vercel KV backend lands (issue 5).
import type { KvDriver } from './driver';
export function createVercelKvDriver(_url: string, _token: string): KvDriver {
  throw new Error('Vercel KV backend not implemented yet');
}
