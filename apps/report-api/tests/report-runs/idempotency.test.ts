import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportRunSchema } from '@repo/contract';
import {
  APPOINTMENTS_BODY,
  COMPANY_A,
  TOKENS,
  expectProblem,
  postRun,
  startHarness,
  type Harness,
} from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ appointmentsA: 5 });
});
afterAll(async () => {
  await h.stop();
});

async function runCount(key?: string): Promise<number> {
  const { rows } = await h.t.pool.query<{ n: number }>(
    key
      ? `SELECT count(*)::int AS n FROM report_runs r JOIN idempotency_keys k ON k.run_id = r.id WHERE k.key = $1`
      : 'SELECT count(*)::int AS n FROM report_runs',
    key ? [key] : [],
  );
  return rows[0]!.n;
}

describe('POST /v1/report-runs', () => {
  it('answers 202 with Location, Retry-After and a queued run whose job was created in the same transaction', async () => {
    const response = await postRun(h, APPOINTMENTS_BODY, 'create-1');
    expect(response.status).toBe(202);
    const run = reportRunSchema.parse(await response.json());
    expect(run).toMatchObject({
      status: 'queued',
      attempts: 0,
      error: null,
      file: null,
      type: 'appointments',
    });
    expect(response.headers.get('location')).toBe(`/v1/report-runs/${run.id}`);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    const { rows } = await h.t.pool.query<{
      state: string;
      data: { runId: string; version: number };
      group_id: string;
    }>(
      `SELECT j.state, j.data, j.group_id FROM pgboss.job j JOIN report_runs r ON r.job_id = j.id WHERE r.id = $1`,
      [run.id],
    );
    expect(rows).toEqual([
      { state: 'created', data: expect.objectContaining({ runId: run.id, version: 1 }), group_id: COMPANY_A },
    ]);
  });

  it('returns 400 problem when the Idempotency-Key header is missing or malformed', async () => {
    const missing = await fetch(`${h.url}/v1/report-runs`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKENS.a}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(APPOINTMENTS_BODY),
    });
    const problem = await expectProblem(missing, 'bad-request', 400);
    expect(problem.errors?.[0]?.field).toBe('header.Idempotency-Key');
    await expectProblem(await postRun(h, APPOINTMENTS_BODY, 'x'.repeat(256)), 'bad-request', 400);
  });

  it.each([
    [
      'a period longer than 366 days',
      { ...APPOINTMENTS_BODY, parameters: { from: '2025-01-01', to: '2026-06-01' } },
      'parameters.to',
    ],
    [
      'from after to',
      { ...APPOINTMENTS_BODY, parameters: { from: '2026-02-01', to: '2026-01-01' } },
      'parameters.to',
    ],
    ['an unknown type', { ...APPOINTMENTS_BODY, type: 'invoices' }, 'type'],
    ['an unknown format', { ...APPOINTMENTS_BODY, format: 'pdf' }, 'format'],
    [
      'an unknown status filter',
      { ...APPOINTMENTS_BODY, parameters: { from: '2026-01-01', to: '2026-01-02', status: ['lost'] } },
      'parameters.status.0',
    ],
  ])('returns 422 validation problem for %s and creates nothing', async (_name, body, field) => {
    const before = await runCount();
    const response = await postRun(h, body, `invalid-${crypto.randomUUID()}`);
    const problem = await expectProblem(response, 'validation', 422);
    expect(problem.errors?.map((e) => e.field)).toContain(field);
    expect(await runCount()).toBe(before);
  });

  it('replays the same run with 200 and Idempotent-Replayed for the same key and body', async () => {
    const first = reportRunSchema.parse(await (await postRun(h, APPOINTMENTS_BODY, 'replay-1')).json());
    const reordered = {
      parameters: { to: '2026-12-31', from: '2026-01-01' },
      format: 'csv',
      type: 'appointments',
    };
    const again = await postRun(h, reordered, 'replay-1');
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('location')).toBe(`/v1/report-runs/${first.id}`);
    expect(reportRunSchema.parse(await again.json()).id).toBe(first.id);
    expect(await runCount('replay-1')).toBe(1);
  });

  it('returns 422 idempotency-key-reused when the same key comes with a different body', async () => {
    await postRun(h, APPOINTMENTS_BODY, 'reuse-1');
    const response = await postRun(h, { ...APPOINTMENTS_BODY, format: 'xlsx' }, 'reuse-1');
    await expectProblem(response, 'idempotency-key-reused', 422);
    expect(await runCount('reuse-1')).toBe(1);
  });

  it('scopes keys per company: the same key from another clinic creates its own run', async () => {
    const a = reportRunSchema.parse(await (await postRun(h, APPOINTMENTS_BODY, 'shared-key')).json());
    const response = await postRun(h, APPOINTMENTS_BODY, 'shared-key', TOKENS.b);
    expect(response.status).toBe(202);
    expect(reportRunSchema.parse(await response.json()).id).not.toBe(a.id);
  });

  it('keeps keys for at least 24 hours and accepts a key again once it has expired', async () => {
    const { rows } = await h.t.pool.query<{ hours: string }>(
      `SELECT extract(epoch FROM expires_at - created_at) / 3600 AS hours FROM idempotency_keys WHERE key = 'create-1'`,
    );
    expect(Number(rows[0]!.hours)).toBeGreaterThanOrEqual(24);
    const first = reportRunSchema.parse(await (await postRun(h, APPOINTMENTS_BODY, 'old-key')).json());
    await h.t.pool.query(
      `UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = 'old-key'`,
    );
    const fresh = await postRun(h, { ...APPOINTMENTS_BODY, format: 'xlsx' }, 'old-key');
    expect(fresh.status).toBe(202);
    expect(reportRunSchema.parse(await fresh.json()).id).not.toBe(first.id);
  });

  it('creates exactly one run for 50 concurrent POSTs with the same Idempotency-Key', async () => {
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => postRun(h, APPOINTMENTS_BODY, 'burst-1')),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 202)).toHaveLength(1);
    expect(statuses.every((s) => [200, 202, 409].includes(s))).toBe(true);
    const ids = new Set<string>();
    for (const response of responses) {
      if (response.status === 409) {
        await expectProblem(response, 'idempotency-in-progress', 409);
        expect(response.headers.get('retry-after')).toBe('1');
      } else {
        ids.add(reportRunSchema.parse(await response.json()).id);
      }
    }
    expect(ids.size).toBe(1);
    expect(await runCount('burst-1')).toBe(1);
    const { rows } = await h.t.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'report-runs' AND data->>'runId' = $1`,
      [[...ids][0]],
    );
    expect(rows[0]!.n).toBe(1);
  });

  it('answers 403 to an internal role, which belongs to no clinic', async () => {
    await expectProblem(await postRun(h, APPOINTMENTS_BODY, 'internal-1', TOKENS.product), 'forbidden', 403);
  });
});
