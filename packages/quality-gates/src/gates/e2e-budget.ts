// The e2e time budget: the suite's own wall time (Playwright's JSON report) against quality.e2e.maxSeconds.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { QualityConfig } from '../../../../quality.config.ts';
import type { GateResult } from '../types.ts';

export const E2E_REPORT = join('apps', 'web', '.reports', 'e2e', 'playwright.json');

export function e2eBudget(root: string, config: Pick<QualityConfig, 'e2e'>): GateResult {
  const file = join(root, E2E_REPORT);
  if (!existsSync(file)) return { outcome: 'fail', summary: `no e2e report at ${E2E_REPORT}` };
  const report = JSON.parse(readFileSync(file, 'utf8')) as {
    stats?: { duration?: number; unexpected?: number };
  };
  const seconds = (report.stats?.duration ?? 0) / 1000;
  const limit = config.e2e.maxSeconds;
  if ((report.stats?.unexpected ?? 0) > 0) {
    return { outcome: 'fail', summary: `${String(report.stats?.unexpected)} e2e tests failed` };
  }
  return {
    outcome: seconds <= limit ? 'pass' : 'fail',
    summary: `e2e took ${seconds.toFixed(1)} s (budget ${String(limit)} s)`,
  };
}
