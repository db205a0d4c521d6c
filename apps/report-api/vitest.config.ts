import { fileURLToPath } from 'node:url';
import { nodeConfig } from '@repo/vitest-config/node';

// @repo/db exports ./testing (index.ts); its global setup sits next to it.
const globalSetup = fileURLToPath(new URL('./global-setup.ts', import.meta.resolve('@repo/db/testing')));

export default nodeConfig(import.meta.dirname, {
  test: { globalSetup: [globalSetup] },
});
