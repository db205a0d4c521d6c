// `npm run test:contract -w @repo/api-client`: the Pact consumer suite. Separate from `test` (files end in
// .pact.ts), so its JSON report has its own name in .reports/ and the root totals count it once.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: `${import.meta.dirname}/../..`,
  test: {
    include: ['src/pact/**/*.pact.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 30_000,
    globalSetup: ['src/pact/global-setup.ts'],
    reporters: ['default', ['json', { outputFile: '.reports/vitest-contract.json' }]],
    coverage: { enabled: false },
  },
});
