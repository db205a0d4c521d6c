// Phase 1 of `npm run test:contract -w @repo/report-api`: the worker's message consumer test, which
// generates pacts/report-worker-report-api.json (then check-drift.ts compares it with contracts/pacts).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: `${import.meta.dirname}/../..`,
  test: {
    include: ['tests/contract/**/*.consumer.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['tests/contract/global-setup.ts'],
    reporters: ['default', ['json', { outputFile: '.reports/vitest-contract-consumer.json' }]],
    coverage: { enabled: false },
  },
});
