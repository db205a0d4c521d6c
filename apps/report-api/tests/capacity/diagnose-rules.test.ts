// Every PostgreSQL rule of the diagnosis on one evidence set shaped like a struggling primary, and the
// report rendered from it. (The same rules run on real statistics in diagnose.test.ts.)
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/diagnose/analyze.ts';
import { main } from '../../src/diagnose/cli.ts';
import type { PostgresEvidence } from '../../src/diagnose/postgres-evidence.ts';
import { renderDiagnosis } from '../../src/diagnose/render.ts';

const struggling: PostgresEvidence = {
  database: 'clinic',
  version: '15',
  maxConnections: 100,
  connections: 95,
  byState: { active: 40, idle: 50, 'idle in transaction': 5 },
  cacheHitRatio: 0.9,
  statements: [
    {
      query: 'SELECT * FROM app_events WHERE action = $1',
      calls: 1_000,
      totalMs: 900_000,
      meanMs: 900,
      rows: 10,
      sharedBlksRead: 1e6,
    },
    { query: 'SELECT 1', calls: 10, totalMs: 1, meanMs: 0.1, rows: 10, sharedBlksRead: 0 },
  ],
  statementsUnavailable: undefined,
  tables: [
    {
      table: 'app_events',
      liveRows: 10_000_000,
      deadRows: 4_000_000,
      seqScans: 50,
      seqRowsRead: 500_000_000,
      indexScans: 10,
      sizeBytes: 2e9,
      lastAutovacuum: null,
      heapHitRatio: 0.5,
    },
    {
      table: 'companies',
      liveRows: 10_000,
      deadRows: 0,
      seqScans: 5,
      seqRowsRead: 50_000,
      indexScans: 1e6,
      sizeBytes: 1e6,
      lastAutovacuum: null,
      heapHitRatio: 1,
    },
  ],
  indexes: [
    {
      table: 'app_events',
      index: 'app_events_outcome_idx',
      scans: 0,
      sizeBytes: 300 * 1024 * 1024,
      columns: ['outcome'],
      unique: false,
    },
  ],
  hotPaths: [
    {
      table: 'app_events',
      columns: ['company_id', 'occurred_at'],
      usedBy: 'insights',
      indexed: true,
      planNodes: ['Index Scan'],
      planCost: 10,
      planIndexes: ['x'],
    },
  ],
  sessions: [
    {
      pid: 1,
      state: 'active',
      waitEventType: null,
      waitEvent: null,
      seconds: 30,
      query: 'SELECT slow()',
      blockedBy: [],
      applicationName: 'report-worker',
    },
    {
      pid: 2,
      state: 'active',
      waitEventType: 'Lock',
      waitEvent: 'transactionid',
      seconds: 2,
      query: 'UPDATE companies',
      blockedBy: [1],
      applicationName: 'report-api',
    },
  ],
  deadlocks: 1,
  tempBytes: 1e9,
};

describe('diagnosis of a struggling primary', () => {
  const findings = analyze({ postgres: struggling });
  const ids = findings.map((f) => f.id);

  it('reports every bottleneck in the evidence', () => {
    expect(ids).toEqual(
      expect.arrayContaining([
        'seq-scans:app_events',
        'slow-statements',
        'long-running',
        'locks',
        'idle-in-transaction',
        'connections',
        'buffer-cache',
        'bloat:app_events',
        'unused-indexes',
      ]),
    );
    expect(ids).not.toContain('seq-scans:companies');
  });

  it('ranks by impact, highest first, with a fix for each', () => {
    const impacts = findings.map((f) => f.impact);
    expect([...impacts].sort((a, b) => b - a)).toEqual(impacts);
    for (const f of findings) expect(f.recommendation.length, f.id).toBeGreaterThan(0);
    expect(findings.find((f) => f.id === 'connections')?.recommendation.join(' ')).toContain('PgBouncer');
  });

  it('renders the statements, tables and hot paths it was built from', () => {
    const markdown = renderDiagnosis(findings, {
      postgres: struggling,
      errors: ['http://x/metrics: refused'],
    });
    expect(markdown).toContain('> Could not collect: http://x/metrics: refused');
    expect(markdown).toContain('| `SELECT * FROM app_events WHERE action = $1` | 1,000 | 900 | 900 |');
    expect(markdown).toContain('| app_events (company_id, occurred_at) | insights | yes | Index Scan |');
    expect(renderDiagnosis([], {})).toContain('No bottleneck found in the evidence collected.');
  });

  it('prints the report to stdout when no file is given, and warns when there is no database', async () => {
    const writes: string[] = [];
    const out = process.stdout.write.bind(process.stdout);
    const err = process.stderr.write.bind(process.stderr);
    process.stdout.write = (chunk: string) => writes.push(chunk) > 0;
    process.stderr.write = (chunk: string) => writes.push(chunk) > 0;
    const saved = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL;
    try {
      expect(await main(['--url', 'http://127.0.0.1:9'])).toBe(0);
    } finally {
      process.stdout.write = out;
      process.stderr.write = err;
      if (saved !== undefined) process.env.DATABASE_URL = saved;
    }
    expect(writes.join('')).toContain('diagnosing from /metrics only');
    expect(writes.join('')).toContain('# Diagnosis: what limits this instance, ranked by impact');
  });
});
