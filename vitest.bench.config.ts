// `npm run bench`: timings on large generated ledgers, reported, never part of `npm test`.
// One file at a time: on a 2-core machine parallel benches would measure each other.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { include: ['bench/**/*.test.ts'], environment: 'node', testTimeout: 900_000, hookTimeout: 900_000, pool: 'forks', fileParallelism: false },
});
