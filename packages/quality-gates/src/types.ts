import type { QualityConfig } from '../../../quality.config.ts';
import type { Change } from './diff.ts';
import type { Workspace } from './workspaces.ts';

export type Outcome = 'pass' | 'fail' | 'warn' | 'skip';

export interface GateResult {
  outcome: Outcome;
  summary: string;
  details?: string[];
}

/** Everything a diff-based gate may look at. Built once per run, so every gate sees the same change. */
export interface DiffContext {
  root: string;
  change: Change;
  workspaces: Workspace[];
  config: QualityConfig;
  /** The pull request description (where `no-test-needed: <reason>` lives); empty when unknown. */
  prBody: string;
}
