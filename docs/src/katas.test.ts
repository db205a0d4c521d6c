// Every kata's spec must pass against its reference solution: CI proves the katas are solvable and current,
// while the katas' own (failing) tests stay out of CI.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as cursorPagination from '../../playbooks/katas/cursor-pagination/solution.ts';
import { describeKata as cursorPaginationSpec } from '../../playbooks/katas/cursor-pagination/spec.ts';
import * as idempotencyKey from '../../playbooks/katas/idempotency-key/solution.ts';
import { describeKata as idempotencyKeySpec } from '../../playbooks/katas/idempotency-key/spec.ts';
import * as problemDetails from '../../playbooks/katas/problem-details/solution.ts';
import { describeKata as problemDetailsSpec } from '../../playbooks/katas/problem-details/spec.ts';
import * as retryAfter from '../../playbooks/katas/retry-after/solution.ts';
import { describeKata as retryAfterSpec } from '../../playbooks/katas/retry-after/spec.ts';
import { listKatas, parseKataArgs } from './katas.ts';
import { findRepoRoot } from './repo.ts';

const root = findRepoRoot(import.meta.dirname);
const solved = ['cursor-pagination', 'idempotency-key', 'problem-details', 'retry-after'];

cursorPaginationSpec(cursorPagination);
idempotencyKeySpec(idempotencyKey);
problemDetailsSpec(problemDetails);
retryAfterSpec(retryAfter);

describe('katas', () => {
  it('runs the spec of every kata in the repo against a reference solution (add new katas to this file)', () => {
    expect(listKatas(root).map((k) => k.name)).toEqual(solved);
  });

  it('turns `npm run kata -- <name> --watch` into a vitest watch run and lists the katas for an unknown name', () => {
    expect(parseKataArgs(root, ['retry-after', '--watch', '-t', 'HTTP date'])).toMatchObject({
      kind: 'run',
      kata: {
        name: 'retry-after',
        title: 'when to retry, Retry-After, exponential backoff with full jitter',
      },
      vitestArgs: ['watch', '-t', 'HTTP date'],
    });
    const usage = parseKataArgs(root, ['nope']);
    expect(usage.kind).toBe('usage');
    expect(usage.kind === 'usage' && usage.message).toContain('Unknown kata "nope"');
    expect(parseKataArgs(root, []).kind === 'usage' && parseKataArgs(root, []).kind).toBe('usage');
  });

  it('starts red: the kata runner fails on the untouched starter code and says which scenario to fix', () => {
    const result = spawnSync(
      process.execPath,
      [join(import.meta.dirname, 'cli', 'kata.ts'), 'problem-details'],
      {
        encoding: 'utf8',
        env: { ...process.env, CI: 'true', NO_COLOR: '1' },
      },
    );
    expect(result.status).toBe(1);
    expect(result.stdout + result.stderr).toContain('not implemented: toProblem');
    expect(result.stdout).toMatch(/7 failed/);
  }, 120_000);
});
