/** Reads the project's own arXiv fixtures (tests/fixtures/arxiv). */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const FIXTURES_DIR = path.resolve(import.meta.dirname, '../fixtures/arxiv');
export const fixture = (name: string) => readFileSync(path.join(FIXTURES_DIR, name), 'utf8');
