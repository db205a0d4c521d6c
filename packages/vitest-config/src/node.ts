import type { ViteUserConfig } from 'vitest/config';
import { withBase } from './base.ts';

/** Preset for Node workspaces: real network and database, so tests run in forks with generous timeouts. */
export function nodeConfig(workspaceDir: string, overrides: ViteUserConfig = {}): ViteUserConfig {
  return withBase(workspaceDir, {
    ...overrides,
    test: {
      environment: 'node',
      pool: 'forks',
      testTimeout: 30_000,
      hookTimeout: 60_000,
      ...overrides.test,
    },
  });
}
