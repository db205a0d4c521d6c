import { nodeConfig } from '@repo/vitest-config/node';

// src/pact/** is the contract suite (npm run test:contract, its own vitest config): not unit-test coverage.
export default nodeConfig(import.meta.dirname, { test: { coverage: { exclude: ['src/pact/**'] } } });
