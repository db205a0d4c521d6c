import { afterEach, describe, expect, it } from 'vitest';
import { freshnessIssues, freshnessOf, readFreshness } from './freshness.ts';
import { fixtureRepo, page, type FixtureRepo } from './testing/fixture-repo.ts';

let repo: FixtureRepo | undefined;
afterEach(() => repo?.remove());
const today = new Date('2026-11-29T12:00:00Z');

describe('docs freshness', () => {
  it('fails a page without an owner and warns about a page past its review date', () => {
    repo = fixtureRepo({
      'docs/fresh.md': page('lead', '2026-11-01', 'ok'),
      'docs/stale.md': page('capacity', '2026-01-02', 'old'),
      'playbooks/orphan.md': page(undefined, '2026-11-29', 'nobody'),
    });
    const rows = readFreshness(repo.root, today, 180);
    expect(rows.find((r) => r.page === 'docs/stale.md')).toMatchObject({ ageDays: 331, overdue: true });
    expect(freshnessIssues(rows, 180).map((i) => [i.severity, i.file])).toEqual([
      ['warning', 'docs/stale.md'],
      ['error', 'playbooks/orphan.md'],
    ]);
  });

  it('treats a missing or malformed last_reviewed as an error and a future date as a warning', () => {
    const rows = [
      freshnessOf('a.md', page('x', undefined, ''), today, 180),
      freshnessOf('b.md', page('x', 'last week', ''), today, 180),
      freshnessOf('c.md', page('x', '2027-01-01', ''), today, 180),
    ];
    expect(freshnessIssues(rows, 180).map((i) => [i.severity, i.file])).toEqual([
      ['error', 'a.md'],
      ['error', 'b.md'],
      ['warning', 'c.md'],
    ]);
  });

  it('is not overdue on the last day of the review period', () => {
    expect(freshnessOf('a.md', page('x', '2026-06-02', ''), today, 180)).toMatchObject({
      ageDays: 180,
      overdue: false,
    });
  });
});
