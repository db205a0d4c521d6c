import { afterEach, describe, expect, it } from 'vitest';
import { quality, type QualityConfig } from '../../quality.config.ts';
import { buildScorecard, renderScorecard } from './scorecard.ts';
import { fixtureRepo, page, type FixtureRepo } from './testing/fixture-repo.ts';

let repo: FixtureRepo | undefined;
afterEach(() => repo?.remove());

const summary = (lines: number, branches: number) =>
  JSON.stringify({
    total: {
      lines: { pct: lines },
      branches: { pct: branches },
      functions: { pct: 90 },
      statements: { pct: lines },
      branchesTrue: { pct: 'Unknown' },
    },
  });
const vitest = (passed: number, failed: number) =>
  JSON.stringify({
    numTotalTests: passed + failed,
    numPassedTests: passed,
    numFailedTests: failed,
    numPendingTests: 1,
    numTodoTests: 0,
    startTime: Date.parse('2026-11-29T10:00:00Z'),
  });
const config: QualityConfig = {
  ...quality,
  coverage: { default: quality.coverage.default, workspaces: { 'packages/db': { branches: 70 } } },
};

describe('quality scorecard', () => {
  it('reports coverage against each workspace threshold and sums the test counts', () => {
    repo = fixtureRepo({
      'apps/api/package.json': '{}',
      'apps/api/coverage/coverage-summary.json': summary(91.2, 79),
      'apps/api/.reports/vitest.json': vitest(40, 1),
      'packages/db/package.json': '{}',
      'packages/db/coverage/coverage-summary.json': summary(85, 72),
      'packages/db/.reports/vitest.json': vitest(12, 0),
      'packages/empty/package.json': '{}',
      'docs/package.json': '{}',
      'docs/index.md': page('lead', '2026-11-29', ''),
      'docs/old.md': page(undefined, '2025-01-01', ''),
    });
    const card = buildScorecard(repo.root, new Date('2026-11-29T12:00:00Z'), config);
    expect(card.workspaces.map((w) => [w.folder, w.coverageOk, w.tests?.passed])).toEqual([
      ['apps/api', false, 40],
      ['packages/db', true, 12],
      ['packages/empty', undefined, undefined],
      ['docs', undefined, undefined],
    ]);
    expect(card.docs).toEqual({
      pages: 2,
      withoutOwner: ['docs/old.md'],
      overdue: ['docs/old.md'],
      reviewEveryDays: 180,
    });
    const md = renderScorecard(card);
    expect(md).toContain(
      '| apps/api | 91.2% | 79% | 90% | 80% / 80% | FAIL | 40 | 1 | 1 | 2026-11-29 10:00 |',
    );
    expect(md).toContain('| packages/db | 85% | 72% | 90% | 80% / 70% | pass | 12 | 0 | 1 |');
    expect(md).toContain('Total: **52 passed, 1 failed** across 4 workspaces.');
    expect(md).toContain('- no owner: `docs/old.md`');
    expect(md).toContain('No Pact files found');
    expect(md).toContain('No built web app found');
    expect(md.startsWith('---\nowner: docs\nlast_reviewed: 2026-11-29\n')).toBe(true);
  });

  it('lists pacts with interaction counts and their verification result when one is recorded', () => {
    repo = fixtureRepo({
      'contracts/pacts/web-api.json': JSON.stringify({
        consumer: { name: 'web' },
        provider: { name: 'report-api' },
        interactions: [1, 2, 3],
      }),
      'contracts/pacts/api-worker.json': JSON.stringify({
        consumer: { name: 'worker' },
        provider: { name: 'report-api' },
        messages: [1],
      }),
      'contracts/verification-results.json': JSON.stringify({
        results: [{ consumer: 'web', provider: 'report-api', success: true }],
      }),
      'contracts/notes.json': '{ not json',
    });
    const md = renderScorecard(buildScorecard(repo.root, new Date('2026-11-29T12:00:00Z'), config));
    expect(md).toContain('| web | report-api | 3 | pass | `contracts/pacts/web-api.json` |');
    expect(md).toContain('| worker | report-api | 1 | n/a | `contracts/pacts/api-worker.json` |');
  });

  it('reads verification results kept in a verifications folder, with parties as names or objects', () => {
    repo = fixtureRepo({
      'contracts/pacts/web-api.json': JSON.stringify({
        consumer: { name: 'web' },
        provider: { name: 'report-api' },
        interactions: [1],
      }),
      'contracts/pacts/api-worker.json': JSON.stringify({
        consumer: { name: 'worker' },
        provider: { name: 'report-api' },
        messages: [1],
      }),
      'contracts/pacts/api-mobile.json': JSON.stringify({
        consumer: { name: 'mobile' },
        provider: { name: 'report-api' },
        interactions: [],
      }),
      'contracts/verifications/web-api.json': JSON.stringify({
        consumer: { name: 'web' },
        provider: { name: 'report-api' },
        result: 'passed',
      }),
      'contracts/verifications/api-worker.json': JSON.stringify([
        { consumer: 'worker', provider: 'report-api', passed: false },
      ]),
      'contracts/verifications/api-mobile.json': JSON.stringify({
        consumer: 'mobile',
        provider: 'report-api',
      }),
    });
    const rows = buildScorecard(repo.root, new Date('2026-11-29T12:00:00Z'), config).contracts;
    expect(rows.map((r) => [r.consumer, r.verified])).toEqual([
      ['mobile', undefined],
      ['worker', false],
      ['web', true],
    ]);
  });

  it('measures the gzip size of the main web chunk against the bundle budget', () => {
    repo = fixtureRepo({
      'apps/web/dist/assets/index-abc.js': 'console.log("x");'.repeat(1000),
      'apps/web/dist/assets/vendor-def.js': 'y',
    });
    const card = buildScorecard(repo.root, new Date('2026-11-29T12:00:00Z'), config);
    expect(card.bundle).toMatchObject({ file: 'apps/web/dist/assets/index-abc.js', budgetKb: 200 });
    expect(card.bundle?.gzipKb).toBeLessThan(1);
    expect(renderScorecard(card)).toMatch(
      /Main JS chunk `apps\/web\/dist\/assets\/index-abc.js`: \*\*[\d.]+ kB gzip\*\* \(budget 200 kB\): pass/,
    );
  });
});
