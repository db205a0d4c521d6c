import { nodeConfig } from '@repo/vitest-config/node';

export default nodeConfig(import.meta.dirname, {
  test: { globalSetup: ['./src/testing/global-setup.ts'] },
});
