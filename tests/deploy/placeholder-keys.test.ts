/**
 * A deploy form or a copied template leaves `OPENAI_API_KEY=sk-...`: that is no key, so summaries
 * stay off (rather than every summary request failing with 401), and health says why.
 */
import { describe, expect, it, vi } from 'vitest';
import { getEnv, isPlaceholder } from '../../lib/env';
import { checkHealth } from '../../lib/health/check-health';
import { createSummaryClient } from '../../lib/summarize/summary-client';

const PLACEHOLDERS = ['sk-...', 'sk-…', 'sk-xxxxxxxx', 'sk-proj-...', 'your-key', 'YOUR_API_KEY', 'your-openai-api-key-here', 'changeme', 'change-me', '<your key>', '<OPENAI_API_KEY>', 'xxx', 'XXXXXXXX', '***'];
const REAL_LOOKING = ['sk-proj-4fJ9aQ2mZx7Lk1Vb8Nw3Rt6Yp0Ds5Gh', 'sk-or-v1-0123456789abcdef', 'ollama', 'local', 'sk-x1'];

describe('placeholder keys', () => {
  it.each(PLACEHOLDERS)('%j counts as unset and is listed as ignored', (value) => {
    expect(isPlaceholder(value)).toBe(true);
    const env = getEnv({ OPENAI_API_KEY: value });
    expect(env.OPENAI_API_KEY).toBeUndefined();
    expect(env.ignoredPlaceholders).toEqual(['OPENAI_API_KEY']);
    expect(createSummaryClient(env)).toBeNull();
  });

  it.each(REAL_LOOKING)('%j is taken as a key', (value) => {
    const env = getEnv({ OPENAI_API_KEY: value });
    expect(env.OPENAI_API_KEY).toBe(value);
    expect(env.ignoredPlaceholders).toBeUndefined();
  });

  it('health says the key is a placeholder, not that it is missing', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {}); // the store check's failure line: no store here
    const noStore = () => Promise.reject(new Error('no store in this test'));
    const placeholder = await checkHealth({ openStore: noStore, backend: 'embedded', env: getEnv({ OPENAI_API_KEY: 'sk-...' }) });
    expect(placeholder.report.summaries).toMatchObject({ enabled: false, reason: expect.stringMatching(/^OPENAI_API_KEY holds a placeholder/) });
    const unset = await checkHealth({ openStore: noStore, backend: 'embedded', env: getEnv({}) });
    expect(unset.report.summaries.reason).toBe('OPENAI_API_KEY is not set: feeds are served without summaries.');
    vi.restoreAllMocks();
  });
});
