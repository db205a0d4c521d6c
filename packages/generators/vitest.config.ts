import { nodeConfig } from '@repo/vitest-config/node';

// tests/generators.test.ts copies the repo and runs four workspaces' gates: minutes on a busy machine.
export default nodeConfig(import.meta.dirname, {
  test: { testTimeout: 20 * 60_000, hookTimeout: 10 * 60_000 },
});
