// Sums every workspace's Vitest JSON report (.reports/vitest.json, restored by turbo on cache hits) and
// prints the one line CI reads: "N passed, N failed[, N skipped]". Exits non-zero when anything failed.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}

export interface Totals {
  passed: number;
  failed: number;
  skipped: number;
  reports: string[];
}

export function reportFiles(root: string): string[] {
  const files: string[] = [];
  for (const group of ['apps', 'packages', 'docs', 'contracts']) {
    const dir = join(root, group);
    if (!existsSync(dir)) continue;
    const candidates =
      group === 'docs' || group === 'contracts' ? [dir] : readdirSync(dir).map((n) => join(dir, n));
    for (const ws of candidates) {
      const reports = join(ws, '.reports');
      if (!existsSync(reports)) continue;
      for (const name of readdirSync(reports)) if (name.endsWith('.json')) files.push(join(reports, name));
    }
  }
  return files.sort();
}

export function sumTotals(root: string): Totals {
  const totals: Totals = { passed: 0, failed: 0, skipped: 0, reports: [] };
  for (const file of reportFiles(root)) {
    const report = JSON.parse(readFileSync(file, 'utf8')) as Partial<VitestJson>;
    if (typeof report.numPassedTests !== 'number') continue;
    totals.passed += report.numPassedTests;
    totals.failed += report.numFailedTests ?? 0;
    totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    totals.reports.push(file);
  }
  return totals;
}

export function formatTotals(t: Totals): string {
  return `${t.passed} passed, ${t.failed} failed${t.skipped ? `, ${t.skipped} skipped` : ''}`;
}

if (import.meta.main) {
  const totals = sumTotals(process.cwd());
  console.log(`tests: ${totals.reports.length} report files`);
  console.log(formatTotals(totals));
  if (totals.failed > 0 || totals.passed === 0) process.exitCode = 1;
}
