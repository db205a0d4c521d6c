import type { ViteUserConfig } from 'vitest/config';
import { withBase } from './base.ts';

/** Preset for React workspaces: jsdom, Testing Library cleanup and a setup file of the workspace's own. */
export function domConfig(workspaceDir: string, overrides: ViteUserConfig = {}): ViteUserConfig {
  return withBase(workspaceDir, {
    ...overrides,
    test: {
      environment: 'jsdom',
      globals: false,
      testTimeout: 15_000,
      ...overrides.test,
    },
  });
}
