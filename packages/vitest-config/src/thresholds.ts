import { basename, dirname, join, relative, sep } from 'node:path';
import { existsSync } from 'node:fs';
import { quality, type QualityConfig } from '../../../quality.config.ts';

export interface CoverageThresholds {
  lines: number;
  branches: number;
  functions: number;
  statements: number;
}

function findRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'quality.config.ts'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`quality.config.ts not found above ${start}`);
    dir = parent;
  }
  return dir;
}

/**
 * Thresholds for a workspace: its own entry in quality.config.ts (keyed by its path, e.g. "apps/report-api"),
 * on top of the default for new packages. `config` is only passed by tests.
 */
export function coverageThresholdsFor(
  workspaceDir: string,
  config: QualityConfig = quality,
): CoverageThresholds {
  const key = relative(findRoot(workspaceDir), workspaceDir).split(sep).join('/') || basename(workspaceDir);
  return { ...config.coverage.default, ...(config.coverage.workspaces[key] ?? {}) };
}
