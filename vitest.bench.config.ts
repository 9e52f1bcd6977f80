// `npm run bench`: timings on large generated ledgers, reported, never part of `npm test`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { include: ['bench/**/*.test.ts'], environment: 'node', testTimeout: 600_000, hookTimeout: 600_000, pool: 'forks' },
});
