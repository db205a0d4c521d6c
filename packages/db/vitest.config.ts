import { nodeConfig } from '@repo/vitest-config/node';

export default nodeConfig(import.meta.dirname, {
  test: {
    globalSetup: ['./src/testing/global-setup.ts'],
    // global-setup runs in vitest's main process, where coverage is not collected; every test exercises it.
    coverage: { exclude: ['src/testing/global-setup.ts'] },
  },
});
