// Backoff polling of active runs: a fresh run is checked every `pollBaseMs`, and the interval grows by
// `pollFactor` for every 5 s of the run's age, up to `pollMaxMs`. Stateless, so remounts do not reset it.
import type { ReportRun } from '@repo/contract';
import type { RuntimeConfig } from '../../../shared/config/runtime-config.tsx';
import { isActive } from './report-run-keys.ts';

const AGE_STEP_MS = 5_000;

export function pollDelayMs(
  runs: readonly Pick<ReportRun, 'status' | 'createdAt'>[],
  config: Pick<RuntimeConfig, 'pollBaseMs' | 'pollFactor' | 'pollMaxMs'>,
  now: number = Date.now(),
): number | false {
  const active = runs.filter(isActive);
  if (active.length === 0) return false;
  const youngest = Math.max(...active.map((run) => Date.parse(run.createdAt)));
  const ageSteps = Math.max(0, Math.floor((now - youngest) / AGE_STEP_MS));
  return Math.min(config.pollMaxMs, Math.round(config.pollBaseMs * config.pollFactor ** ageSteps));
}
