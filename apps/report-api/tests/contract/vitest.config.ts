// Phase 2 of `npm run test:contract -w @repo/report-api`: provider verification of every committed pact
// in contracts/pacts (HTTP and message), the broken-provider drill, and the tests of contracts/ itself
// (drift, verification records, can-i-deploy). Rooted at the repo so contracts/*.test.ts are collected.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const dbGlobalSetup = fileURLToPath(new URL('./global-setup.ts', import.meta.resolve('@repo/db/testing')));

export default defineConfig({
  root,
  test: {
    include: ['apps/report-api/tests/contract/**/*.verify.ts', 'contracts/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    globalSetup: [dbGlobalSetup],
    reporters: ['default', ['json', { outputFile: `${root}apps/report-api/.reports/vitest-contract.json` }]],
    coverage: { enabled: false },
  },
});
