// The issue-8 benchmark (`npm run loadtest -- --scenario targets`) end to end in smoke form: real API and
// worker processes on a small seeded database, one-second phases, small rates. Checks the pipeline, not the
// numbers: the full run on the target dataset is on demand.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@repo/db/testing';
import { runTargets } from '../../loadtest/run.ts';
import { seed } from '../platform/fixtures.ts';

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase('targets');
  await seed(t.db);
});

afterAll(async () => {
  await t.drop();
});

describe('npm run loadtest -- --scenario targets (smoke)', () => {
  it('runs every phase, checks every target and writes the markdown table and the chart', async () => {
    const out = mkdtempSync(join(tmpdir(), 'targets-'));
    const lines: string[] = [];
    const { results, checks, markdownPath, chartPath } = await runTargets({
      databaseUrl: t.url,
      durationSeconds: 1,
      peakRate: 20,
      actors: 2,
      largeReports: 2,
      reportRowsPerSecond: 5_000,
      outDir: out,
      cluster: true,
      log: (line) => lines.push(line),
    });
    expect(results.map((r) => r.label)).toEqual([
      'hello world (max)',
      'clinic read (max)',
      'clinic read @ peak',
      'browsing @ peak',
      'browsing @ peak + 2 reports',
      'cluster 1 API (max)',
      'cluster 2 API (max)',
    ]);
    expect(checks.map((c) => c.name)).toHaveLength(4);
    expect(checks.find((c) => c.name.includes('reports generate'))?.measured).toContain(
      'worker budget 5,000 rows/s',
    );
    // The throughput ratio is the median of 7 alternating rounds, each with its own percentage.
    const ratio = checks.find((c) => c.name.includes('express hello world'))?.measured ?? '';
    expect(ratio).toMatch(/^median [\d.]+% of 7 rounds of 0\.5 s \(([\d.]+%(, )?){7}\)/);
    for (const r of results) expect(r.errors, r.label).toBe(0);
    expect(readFileSync(markdownPath, 'utf8')).toContain('## Targets');
    expect(readFileSync(chartPath).subarray(1, 4).toString('latin1')).toBe('PNG');
  }, 120_000);
});
