// Sums every workspace's Vitest (and Playwright) JSON report (.reports/*.json, restored by turbo on cache hits) into the one
// line CI reads: "N passed, N failed[, N skipped]".
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { listWorkspaces } from './workspaces.ts';

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}

/** Playwright's JSON reporter: `stats.expected` passed, `unexpected` failed, `flaky` passed on retry. */
interface PlaywrightJson {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
}

export interface Totals {
  passed: number;
  failed: number;
  skipped: number;
  reports: string[];
}

export function reportFiles(root: string): string[] {
  const files: string[] = [];
  for (const ws of listWorkspaces(root)) {
    const reports = join(root, ws.dir, '.reports');
    if (!existsSync(reports)) continue;
    for (const name of readdirSync(reports)) if (name.endsWith('.json')) files.push(join(reports, name));
  }
  return files.sort();
}

/**
 * Sums the reports of `npm test` (each workspace's top-level .reports/*.json) plus `extra` files: suites that
 * only CI runs (e2e, the API suite on another database) write into .reports/<name>/ so a stale one never
 * counts in a later local `npm test`, and .ci/run names them explicitly.
 */
export function sumTotals(root: string, extra: string[] = []): Totals {
  const totals: Totals = { passed: 0, failed: 0, skipped: 0, reports: [] };
  for (const file of [...reportFiles(root), ...extra.map((f) => join(root, f))]) {
    if (!existsSync(file)) continue;
    const report = JSON.parse(readFileSync(file, 'utf8')) as Partial<VitestJson & PlaywrightJson>;
    if (typeof report.numPassedTests === 'number') {
      totals.passed += report.numPassedTests;
      totals.failed += report.numFailedTests ?? 0;
      totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    } else if (report.stats && typeof report.stats.expected === 'number') {
      totals.passed += report.stats.expected + report.stats.flaky;
      totals.failed += report.stats.unexpected;
      totals.skipped += report.stats.skipped;
    } else continue;
    totals.reports.push(file);
  }
  return totals;
}

export function formatTotals(t: Totals): string {
  return `${t.passed} passed, ${t.failed} failed${t.skipped ? `, ${t.skipped} skipped` : ''}`;
}

/**
 * The root `npm test` tail: prints the totals line last and returns the exit code. `--exit-code=<n>` passes
 * on turbo's exit status, so a lint or format failure fails the run while the totals line is still printed.
 */
export function totalsMain(root: string, argv: string[], log: (line: string) => void): number {
  const upstream = Number(
    /^--exit-code=(\d+)$/.exec(argv.find((a) => a.startsWith('--exit-code=')) ?? '')?.[1] ?? 0,
  );
  const extra = argv.filter((a) => a.startsWith('--extra=')).map((a) => a.slice('--extra='.length));
  const totals = sumTotals(root, extra);
  log(`tests: ${totals.reports.length} report files${upstream ? `; turbo exited with ${upstream}` : ''}`);
  log(formatTotals(totals));
  return upstream !== 0 || totals.failed > 0 || totals.passed === 0 ? 1 : 0;
}
