import { basename, dirname, join, relative } from 'node:path';
import { existsSync } from 'node:fs';
import { quality } from '../../../quality.config.ts';

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

/** Thresholds for a workspace: its own entry in quality.config.ts, else the default for new packages. */
export function coverageThresholdsFor(workspaceDir: string): CoverageThresholds {
  const key = relative(findRoot(workspaceDir), workspaceDir) || basename(workspaceDir);
  return { ...quality.coverage.default, ...(quality.coverage.workspaces[key] ?? {}) };
}
