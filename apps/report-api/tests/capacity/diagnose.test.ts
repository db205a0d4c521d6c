// The diagnosis on real evidence: a database degraded on purpose (the agenda index dropped, a lock held)
// and a running API's /metrics. The report must name the cause and rank it first.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@repo/db/testing';
import { analyze } from '../../src/diagnose/analyze.ts';
import { diagnose, main } from '../../src/diagnose/cli.ts';
import { metricsEvidenceFrom, type MetricsEvidence } from '../../src/diagnose/metrics-evidence.ts';
import {
  histogramQuantile,
  metricFamilies,
  parsePrometheusText,
} from '../../src/diagnose/prometheus-text.ts';
import { TOKENS, bearer, seed, startTestServer, type Seeded, type TestServer } from '../platform/fixtures.ts';

let t: TestDatabase;
let seeded: Seeded;

beforeAll(async () => {
  t = await createTestDatabase('diagnose');
  seeded = await seed(t.db);
  await t.pool.query(
    `INSERT INTO appointments (company_id, patient_id, professional, specialty, booked_at, starts_at, status)
     SELECT $1, $2, 'Dr. Ana', 'dermatology', now() - interval '60 days' + g * interval '1 minute',
            now() - interval '30 days' + g * interval '1 minute', 'scheduled'
     FROM generate_series(1, 30000) g`,
    [seeded.companyA, seeded.patientA],
  );
  await t.pool.query('ANALYZE');
});

afterAll(async () => {
  await t.drop();
});

describe('npm run diagnose on PostgreSQL statistics', () => {
  it('finds nothing wrong with the agenda path while its index exists', async () => {
    const { findings } = await diagnose({ databaseUrl: t.url, bigTableRows: 1_000 });
    expect(findings.map((f) => f.id)).not.toContain('missing-index:appointments:company_id,starts_at');
  });

  it('names the dropped (company_id, starts_at) index as the top cause, with the plan and the fix', async () => {
    await t.pool.query('DROP INDEX appointments_company_starts_idx');
    for (let i = 0; i < 5; i += 1) {
      await t.pool.query(
        `SELECT id FROM appointments WHERE starts_at >= now() - interval '1 day' ORDER BY starts_at DESC LIMIT 20`,
      );
    }
    const { findings, markdown } = await diagnose({ databaseUrl: t.url, bigTableRows: 1_000 });
    expect(findings[0]?.id).toBe('missing-index:appointments:company_id,starts_at');
    expect(findings[0]?.impact).toBeGreaterThanOrEqual(80);
    expect(markdown).toContain('Missing index on appointments (company_id, starts_at)');
    expect(markdown).toMatch(
      /CREATE INDEX CONCURRENTLY \S+ ON appointments \(company_id, starts_at DESC, id DESC\)/,
    );
    expect(markdown).toMatch(/plan of the hot query: .*(Sort|Seq Scan)/);
    expect(markdown).toContain('| appointments (company_id, starts_at) |');
  });

  it('reports per-statement statistics, or why they are not available', async () => {
    const { findings, markdown } = await diagnose({ databaseUrl: t.url });
    const unavailable = findings.find((f) => f.id === 'pg-stat-statements');
    if (unavailable) expect(unavailable.evidence[0]).toMatch(/pg_stat_statements/);
    else expect(markdown).toContain('| statement | calls | mean ms | total s |');
  });

  it('shows sessions blocked by a lock and who blocks them', async () => {
    const holder = new pg.Client({ connectionString: t.url });
    const waiter = new pg.Client({ connectionString: t.url });
    await holder.connect();
    await waiter.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('UPDATE companies SET name = name WHERE id = $1', [seeded.companyA]);
      const blocked = waiter
        .query('UPDATE companies SET name = name WHERE id = $1', [seeded.companyA])
        .catch(() => undefined);
      await new Promise((r) => setTimeout(r, 300));
      const { findings } = await diagnose({ databaseUrl: t.url });
      const locks = findings.find((f) => f.id === 'locks');
      expect(locks?.evidence.join('\n')).toMatch(/blocked by \d+ \(Lock\/transactionid\)/);
      expect(findings.some((f) => f.id === 'idle-in-transaction')).toBe(true);
      await holder.query('ROLLBACK');
      await blocked;
    } finally {
      await holder.end();
      await waiter.end();
    }
  });

  it('writes the report to a file from the command line, and reports what it could not reach', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'diagnose-')), 'report.md');
    const code = await main(['--url', 'http://127.0.0.1:9', '--database-url', t.url, '--out', out]);
    expect(code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('# Diagnosis: what limits this instance, ranked by impact');
    expect(text).toContain('> Could not collect: http://127.0.0.1:9/metrics');
  });
});

describe('npm run diagnose on a running API', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(async () => {
    await s.stop();
  });

  it('reads RED per route, pool, loop lag, queries per request and cache hit ratio from /metrics', async () => {
    for (let i = 0; i < 30; i += 1) await fetch(`${s.url}/v1/clinic`, { headers: bearer(TOKENS.clinicA) });
    const { markdown } = await diagnose({ url: s.url, databaseUrl: s.t.url });
    expect(markdown).toContain('## API numbers');
    expect(markdown).toMatch(/\| \/v1\/clinic \| 30 \| 0 \| [\d.]+ \|/);
    expect(markdown).toMatch(/cache hit ratio 9\d\.\d%/);
  });
});

describe('diagnosis rules', () => {
  const base: MetricsEvidence = metricsEvidenceFrom('http://127.0.0.1:1/metrics', []);

  it('ranks the pool exhaustion behind failed requests first, then the failures, latency and chatty requests', () => {
    const findings = analyze({
      metrics: {
        ...base,
        requests: 1_000,
        errorRate: 0.05,
        routes: [{ route: '/v1/clinic', requests: 1_000, errors5xx: 50, p99Ms: 900 }],
        poolWaiting: 12,
        poolMax: 10,
        poolAcquireP99Ms: 1_900,
        poolAcquireErrors: 40,
        eventLoopLagP99Ms: 250,
        queriesPerRequestMean: 5,
        queriesPerRequestByRoute: { '/v1/clinic': 5 },
        cacheHitRatio: 0.1,
        queueDepth: 200,
      },
    });
    expect(findings.map((f) => f.id)).toEqual([
      'pool-saturation',
      'http-errors',
      'latency',
      'event-loop',
      'queries-per-request',
      'queue',
      'app-cache',
    ]);
  });

  it('finds nothing in a healthy, idle instance', () => {
    expect(analyze({ metrics: base })).toEqual([]);
  });
});

describe('Prometheus text parsing', () => {
  it('reads labels, families and histogram quantiles like PromQL', () => {
    const text = [
      '# TYPE h histogram',
      'h_bucket{le="0.1",route="/a"} 50',
      'h_bucket{le="0.2",route="/a"} 100',
      'h_bucket{le="+Inf",route="/a"} 100',
      'h_count{route="/a"} 100',
      '# TYPE g gauge',
      'g{path="a \\"quoted\\" value"} 3',
    ].join('\n');
    const samples = parsePrometheusText(text);
    expect(samples.find((s) => s.name === 'g')?.labels.path).toBe('a "quoted" value');
    expect(metricFamilies(text)).toEqual(new Set(['h', 'g']));
    expect(histogramQuantile(0.5, samples, 'h')).toBeCloseTo(0.1);
    expect(histogramQuantile(0.75, samples, 'h')).toBeCloseTo(0.15);
    expect(histogramQuantile(0.5, samples, 'missing')).toBeUndefined();
  });
});
