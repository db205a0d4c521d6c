import { readdirSync, readlinkSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { auditEventPageSchema, reportRunSchema, type ReportRun } from '@repo/contract';
import { createLocalStorage } from '../../src/storage/local-storage.ts';
import { expireReportRuns } from '../../src/worker/housekeeping.ts';
import {
  APPOINTMENTS_BODY,
  TOKENS,
  bearer,
  createRun,
  expectProblem,
  getRun,
  postRun,
  startHarness,
  waitForRun,
  type Harness,
} from './harness.ts';

let h: Harness;
let done: ReportRun;
beforeAll(async () => {
  // Enough rows that the file is larger than the socket buffers (the disconnect test needs that).
  h = await startHarness({ appointmentsA: 60_000 });
  const worker = await h.startWorker();
  done = await waitForRun(h, (await createRun(h)).id);
  expect(done.status).toBe('succeeded');
  await worker.stop();
});
afterAll(async () => {
  await h.stop();
});

const runUrl = (id: string, suffix = ''): string => `${h.url}/v1/report-runs/${id}${suffix}`;

describe('tenant isolation', () => {
  it.each([
    ['GET', ''],
    ['GET', '/file'],
    ['POST', '/cancel'],
  ])('answers 404 to %s %s of another clinic’s run, never 403', async (method, suffix) => {
    const response = await fetch(runUrl(done.id, suffix), { method, headers: bearer(TOKENS.b) });
    await expectProblem(response, 'not-found', 404);
  });

  it('does not list another clinic’s runs', async () => {
    const page = (await (await fetch(`${h.url}/v1/report-runs`, { headers: bearer(TOKENS.b) })).json()) as {
      data: unknown[];
    };
    expect(page.data).toEqual([]);
  });

  it('answers 404 for a malformed or unknown run id', async () => {
    await expectProblem(await fetch(runUrl('not-a-uuid'), { headers: bearer(TOKENS.a) }), 'not-found', 404);
    await expectProblem(
      await fetch(runUrl(crypto.randomUUID()), { headers: bearer(TOKENS.a) }),
      'not-found',
      404,
    );
  });

  it('answers 401 without a token', async () => {
    await expectProblem(await fetch(runUrl(done.id)), 'unauthorized', 401);
  });
});

describe('POST /v1/report-runs/:id/cancel', () => {
  it('cancels a queued run, withdraws its job, and is idempotent', async () => {
    const run = await createRun(h);
    const response = await fetch(runUrl(run.id, '/cancel'), { method: 'POST', headers: bearer(TOKENS.a) });
    expect(response.status).toBe(200);
    const canceled = reportRunSchema.parse(await response.json());
    expect(canceled.status).toBe('canceled');
    expect(canceled.canceledAt).not.toBeNull();
    const { rows } = await h.t.pool.query<{ state: string }>(
      'SELECT j.state FROM pgboss.job j JOIN report_runs r ON r.job_id = j.id WHERE r.id = $1',
      [run.id],
    );
    expect(rows[0]?.state).toBe('cancelled');
    const again = await fetch(runUrl(run.id, '/cancel'), { method: 'POST', headers: bearer(TOKENS.a) });
    expect(again.status).toBe(200);
  });

  it('answers 409 conflict for a run that already succeeded', async () => {
    const response = await fetch(runUrl(done.id, '/cancel'), { method: 'POST', headers: bearer(TOKENS.a) });
    await expectProblem(response, 'conflict', 409);
  });

  it('answers 409 with Retry-After when downloading a run that is not finished', async () => {
    const run = await createRun(h);
    const response = await fetch(runUrl(run.id, '/file'), { headers: bearer(TOKENS.a) });
    expect(response.headers.get('retry-after')).toBe('2');
    await expectProblem(response, 'conflict', 409);
  });

  it('stops a running run: the worker notices at its next lease renewal and writes nothing', async () => {
    // Runs left queued by earlier tests would take the company's slots first.
    await h.t.pool.query(
      `UPDATE report_runs SET status = 'canceled', canceled_at = now() WHERE status = 'queued'`,
    );
    const worker = await h.startWorker({ faultRowDelayMs: 20, leaseMs: 600 });
    try {
      const run = await createRun(h, {
        ...APPOINTMENTS_BODY,
        parameters: { from: '2026-03-01', to: '2026-03-03' },
      });
      await waitForRun(h, run.id, (r) => r.status === 'running');
      const response = await fetch(runUrl(run.id, '/cancel'), { method: 'POST', headers: bearer(TOKENS.a) });
      expect(response.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const after = await getRun(h, run.id);
      expect(after).toMatchObject({ status: 'canceled', file: null });
      const dir = join(h.reportsDir, '101', run.id);
      expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
    } finally {
      await worker.stop();
    }
  });
});

describe('downloads', () => {
  function openFds(): string[] {
    return readdirSync('/proc/self/fd').flatMap((fd) => {
      try {
        return [readlinkSync(`/proc/self/fd/${fd}`)];
      } catch {
        return [];
      }
    });
  }

  it('closes the file handle as soon as the client disconnects mid-download', async () => {
    const file = join(h.reportsDir, '101', done.id);
    const holdsFile = (): boolean => openFds().some((target) => target.startsWith(file));
    expect(holdsFile()).toBe(false);
    // A raw socket that sends the request and never reads: the kernel buffers stay small, so the server
    // is still streaming (file open) when the client hangs up.
    const { port } = new URL(h.url);
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    socket.pause();
    socket.write(
      `GET /v1/report-runs/${done.id}/file HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${TOKENS.a}\r\n\r\n`,
    );
    const opened = Date.now() + 2000;
    while (!holdsFile() && Date.now() < opened) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(holdsFile()).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(holdsFile()).toBe(true);
    socket.destroy();
    const deadline = Date.now() + 2000;
    while (holdsFile() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(holdsFile()).toBe(false);
  });

  it('expires old runs: the file is deleted, the run is expired and the download answers 410 gone', async () => {
    const worker = await h.startWorker();
    const run = await waitForRun(
      h,
      (await createRun(h, { type: 'patients', format: 'csv', parameters: {} })).id,
    );
    await worker.stop();
    expect(run.status).toBe('succeeded');
    // Past its expiry but not yet swept: never served.
    await h.t.pool.query(`UPDATE report_runs SET expires_at = now() - interval '1 second' WHERE id = $1`, [
      run.id,
    ]);
    await expectProblem(await fetch(runUrl(run.id, '/file'), { headers: bearer(TOKENS.a) }), 'gone', 410);
    const { rows } = await h.t.pool.query<{ storage_key: string }>(
      'SELECT storage_key FROM report_runs WHERE id = $1',
      [run.id],
    );
    const path = join(h.reportsDir, rows[0]!.storage_key);
    expect(existsSync(path)).toBe(true);
    const expired = await expireReportRuns(
      h.server.db,
      createLocalStorage(h.reportsDir),
      pino({ level: 'silent' }),
    );
    expect(expired).toBeGreaterThanOrEqual(1);
    expect(existsSync(path)).toBe(false);
    const after = await getRun(h, run.id);
    expect(after.status).toBe('expired');
    expect(after.expiredAt).not.toBeNull();
    await expectProblem(await fetch(runUrl(run.id, '/file'), { headers: bearer(TOKENS.a) }), 'gone', 410);
  });
});

describe('audit log (LGPD)', () => {
  it('records create, download and cancel with who, company, request id and client address', async () => {
    const requestId = `audit-${crypto.randomUUID()}`;
    const created = await postRun(h, APPOINTMENTS_BODY, crypto.randomUUID(), TOKENS.a, {
      'X-Request-Id': requestId,
    });
    const run = reportRunSchema.parse(await created.json());
    await fetch(runUrl(run.id, '/cancel'), {
      method: 'POST',
      headers: bearer(TOKENS.a, { 'X-Request-Id': requestId }),
    });
    await (
      await fetch(runUrl(done.id, '/file'), { headers: bearer(TOKENS.a, { 'X-Request-Id': requestId }) })
    ).arrayBuffer();

    const response = await fetch(`${h.url}/v1/audit-events?limit=100`, { headers: bearer(TOKENS.a) });
    expect(response.status).toBe(200);
    const page = auditEventPageSchema.parse(await response.json());
    const mine = page.data.filter((e) => e.requestId === requestId);
    expect(mine.map((e) => e.action).sort()).toEqual([
      'report_run.canceled',
      'report_run.created',
      'report_run.downloaded',
    ]);
    for (const event of mine) {
      expect(event.actor.role).toBe('clinic');
      expect(event.actor.tokenId).toMatch(/^\d+$/);
      expect(event.clientAddress).toMatch(/127\.0\.0\.1/);
      expect(event.resource.type).toBe('report_run');
    }
    const filtered = auditEventPageSchema.parse(
      await (
        await fetch(`${h.url}/v1/audit-events?action=report_run.downloaded&resourceId=${done.id}`, {
          headers: bearer(TOKENS.a),
        })
      ).json(),
    );
    expect(filtered.data.length).toBeGreaterThanOrEqual(1);
    expect(
      filtered.data.every((e) => e.action === 'report_run.downloaded' && e.resource.id === done.id),
    ).toBe(true);
  });

  it('pages newest first and shows a clinic only its own events', async () => {
    const first = auditEventPageSchema.parse(
      await (await fetch(`${h.url}/v1/audit-events?limit=2`, { headers: bearer(TOKENS.a) })).json(),
    );
    expect(first.nextCursor).not.toBeNull();
    const second = auditEventPageSchema.parse(
      await (
        await fetch(`${h.url}/v1/audit-events?limit=2&cursor=${first.nextCursor!}`, {
          headers: bearer(TOKENS.a),
        })
      ).json(),
    );
    expect(Number(second.data[0]!.id)).toBeLessThan(Number(first.data[1]!.id));
    const other = auditEventPageSchema.parse(
      await (await fetch(`${h.url}/v1/audit-events`, { headers: bearer(TOKENS.b) })).json(),
    );
    expect(other.data).toEqual([]);
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the audit table', async () => {
    await expect(h.t.pool.query(`UPDATE audit_events SET action = 'x.y'`)).rejects.toThrow(/append-only/);
    await expect(h.t.pool.query('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
    await expect(h.t.pool.query('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
  });
});
