import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { E2E_REPORT, e2eBudget } from '../src/gates/e2e-budget.ts';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'e2e-budget-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

function report(stats: object): void {
  mkdirSync(dirname(join(root, E2E_REPORT)), { recursive: true });
  writeFileSync(join(root, E2E_REPORT), JSON.stringify({ stats }));
}

describe('e2e budget gate', () => {
  it('passes when the suite ran within quality.e2e.maxSeconds', () => {
    report({ duration: 95_000, unexpected: 0 });
    expect(e2eBudget(root, { e2e: { maxSeconds: 120 } })).toEqual({
      outcome: 'pass',
      summary: 'e2e took 95.0 s (budget 120 s)',
    });
  });

  it('fails when the suite took longer than the budget', () => {
    report({ duration: 130_500, unexpected: 0 });
    expect(e2eBudget(root, { e2e: { maxSeconds: 120 } }).outcome).toBe('fail');
  });

  it('fails when an e2e test failed, whatever the time', () => {
    report({ duration: 1_000, unexpected: 2 });
    expect(e2eBudget(root, { e2e: { maxSeconds: 120 } })).toMatchObject({
      outcome: 'fail',
      summary: '2 e2e tests failed',
    });
  });

  it('fails when there is no report (the suite did not run)', () => {
    expect(e2eBudget(root, { e2e: { maxSeconds: 120 } }).outcome).toBe('fail');
  });
});
