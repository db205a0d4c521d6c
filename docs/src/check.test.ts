import { afterEach, describe, expect, it } from 'vitest';
import { runChecks } from './check.ts';
import { formatIssue } from './issues.ts';
import { fixtureRepo, page, type FixtureRepo } from './testing/fixture-repo.ts';
import { REQUIRED_TRANSLATIONS, counterpartOf } from './translations.ts';

let repo: FixtureRepo | undefined;
afterEach(() => repo?.remove());

function completeSite(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const p of REQUIRED_TRANSLATIONS) {
    files[p] = page('lead', '2026-11-29', 'npm run capacity');
    files[counterpartOf(p)] = page('lead', '2026-11-29', 'ok');
  }
  return files;
}

describe('runChecks', () => {
  it('passes with warnings by default and fails in strict mode when a script is not there yet', () => {
    repo = fixtureRepo(completeSite());
    const today = new Date('2026-11-30T00:00:00Z');
    const lenient = runChecks(repo.root, { today, reviewEveryDays: 180 });
    expect(lenient).toMatchObject({ errors: 0, warnings: REQUIRED_TRANSLATIONS.length, failed: false });
    expect(runChecks(repo.root, { today, reviewEveryDays: 180, strict: true }).failed).toBe(true);
  });

  it('fails when a page has no owner and prints where', () => {
    repo = fixtureRepo({ ...completeSite(), 'docs/reference/x.md': page(undefined, '2026-11-29', '') });
    const result = runChecks(repo.root, { today: new Date('2026-11-30T00:00:00Z') });
    expect(result.failed).toBe(true);
    expect(result.issues.filter((i) => i.severity === 'error').map(formatIssue)).toEqual([
      'ERROR [freshness] docs/reference/x.md: no `owner` in front matter',
    ]);
    expect(formatIssue({ check: 'links', severity: 'warning', file: 'a.md', line: 3, message: 'm' })).toBe(
      'warn  [links] a.md:3: m',
    );
  });
});
