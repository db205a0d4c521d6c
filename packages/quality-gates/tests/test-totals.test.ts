import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatTotals, reportFiles, sumTotals, totalsMain } from '../src/test-totals.ts';
import { repoRoot } from './helpers/temp-repo.ts';

let root: string;

function report(dir: string, name: string, body: object): void {
  mkdirSync(join(root, dir, '.reports'), { recursive: true });
  writeFileSync(join(root, dir, 'package.json'), '{}');
  writeFileSync(join(root, dir, '.reports', name), JSON.stringify(body));
}

const vitest = (passed: number, failed = 0, pending = 0, todo = 0): object => ({
  numPassedTests: passed,
  numFailedTests: failed,
  numPendingTests: pending,
  numTodoTests: todo,
});

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'totals-'));
  writeFileSync(join(root, 'package.json'), JSON.stringify({ workspaces: ['apps/*', 'packages/*', 'docs'] }));
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('test totals', () => {
  it('sums the Vitest reports of every workspace, including the docs workspace', () => {
    report('apps/api', 'vitest.json', vitest(10, 1));
    report('packages/db', 'vitest.json', vitest(5, 0, 2));
    report('docs', 'vitest.json', vitest(3, 0, 0, 1));
    report('packages/db', 'notes.txt', {});
    report('packages/db', 'coverage-like.json', { total: {} });

    const totals = sumTotals(root);

    expect(formatTotals(totals)).toBe('18 passed, 1 failed, 3 skipped');
    expect(totals.reports).toHaveLength(3);
    expect(reportFiles(root)).toHaveLength(4);
  });

  it('counts a Playwright JSON report (e2e) named with --extra, next to the Vitest ones', () => {
    report('apps/web', 'vitest.json', vitest(4));
    report('apps/web/.reports', 'playwright.json', {
      stats: { expected: 3, unexpected: 1, flaky: 1, skipped: 2 },
    });

    expect(formatTotals(sumTotals(root))).toBe('4 passed, 0 failed');
    const lines: string[] = [];
    totalsMain(root, ['--extra=apps/web/.reports/.reports/playwright.json', '--extra=missing.json'], (l) =>
      lines.push(l),
    );
    expect(lines.at(-1)).toBe('8 passed, 1 failed, 2 skipped');
  });

  it('leaves out skipped when nothing was skipped', () => {
    expect(formatTotals({ passed: 2, failed: 0, skipped: 0, reports: [] })).toBe('2 passed, 0 failed');
  });

  it('prints the totals line last and fails when turbo failed, a test failed or nothing ran', () => {
    const lines: string[] = [];
    expect(totalsMain(root, [], (l) => lines.push(l))).toBe(1);
    expect(lines.at(-1)).toBe('0 passed, 0 failed');

    report('packages/db', 'vitest.json', vitest(4));
    expect(totalsMain(root, [], (l) => lines.push(l))).toBe(0);
    expect(totalsMain(root, ['--exit-code=2'], (l) => lines.push(l))).toBe(1);
    expect(lines.at(-2)).toContain('turbo exited with 2');
    expect(lines.at(-1)).toBe('4 passed, 0 failed');

    report('apps/web', 'vitest.json', vitest(1, 1));
    expect(totalsMain(root, ['--exit-code=0'], (l) => lines.push(l))).toBe(1);
  });

  it('works as the root script npm test ends with', () => {
    report('packages/db', 'vitest.json', vitest(7, 0, 1));
    const run = spawnSync('node', [join(repoRoot, 'scripts/test-totals.ts'), '--exit-code=0'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('7 passed, 0 failed, 1 skipped');
  });
});
