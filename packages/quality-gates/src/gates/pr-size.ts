// Gate: a change larger than the threshold in quality.config.ts is flagged (small changes get better reviews).
// It reports 'fail'; quality.config.ts marks the gate not required, so the run shows it as a warning.
import type { DiffContext, GateResult } from '../types.ts';

export function isIgnoredForSize(path: string, ignore: readonly string[]): boolean {
  return ignore.some((entry) => path === entry || path.endsWith(`/${entry}`));
}

export function changedLines(ctx: DiffContext): number {
  return ctx.change.files
    .filter((file) => !isIgnoredForSize(file.path, ctx.config.pullRequest.ignore))
    .reduce((sum, file) => sum + file.added + file.deleted, 0);
}

export function prSize(ctx: DiffContext): GateResult {
  const lines = changedLines(ctx);
  const limit = ctx.config.pullRequest.warnAboveChangedLines;
  if (lines > limit) {
    return {
      outcome: 'fail',
      summary: `${lines} changed lines (> ${limit}): consider splitting this change`,
    };
  }
  return { outcome: 'pass', summary: `${lines} changed lines (<= ${limit})` };
}
