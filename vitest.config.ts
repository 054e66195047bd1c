import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Each file gets fresh module state (env cache, store singletons).
    isolate: true,
    server: {
      deps: {
        // @vercel/kv's default export is a Proxy that throws without KV_REST_API_* env; vitest's
        // interop of external modules reads `default.__esModule` and trips it. Inlined, it is not.
        inline: ['@vercel/kv'],
      },
    },
  },
});
