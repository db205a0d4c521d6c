import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { reportRunPageSchema, type ReportRun } from '@repo/contract';
import { reportQuery } from '../../src/features/report-runs/report-definitions.ts';
import type { RunningWorker } from '../../src/worker/start-worker.ts';
import {
  APPOINTMENTS_BODY,
  COMPANY_A,
  TOKENS,
  bearer,
  createRun,
  expectProblem,
  startHarness,
  waitForRun,
  type Harness,
} from './harness.ts';

let h: Harness;
let worker: RunningWorker;
beforeAll(async () => {
  h = await startHarness();
  worker = await h.startWorker();
});
afterAll(async () => {
  await h.stop();
});

async function download(run: ReportRun, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${h.url}/v1/report-runs/${run.id}/file`, { headers: bearer(TOKENS.a, headers) });
}

/** The same query through pg, formatted by csv-stringify as RFC 4180 (CRLF, quoted when needed). */
async function expectedCsv(
  type: 'appointments' | 'patients' | 'monthly_summary',
  parameters: object,
): Promise<string> {
  const q = reportQuery(type, COMPANY_A, parameters);
  const { rows } = await h.t.pool.query<Record<string, unknown>>({ text: q.sql, rowMode: 'array' } as never);
  const text = (v: unknown): string => (v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v));
  return stringify(
    [q.columns.map((c) => c.name), ...(rows as unknown as unknown[][]).map((r) => r.map(text))],
    {
      record_delimiter: 'windows',
      // RFC 4180 quotes any field with a line break; csv-stringify only quotes the record delimiter itself.
      quoted_match: /[\r\n]/,
    },
  );
}

describe('a CSV report run from POST to download', () => {
  let run: ReportRun;
  let body: Buffer;

  beforeAll(async () => {
    run = await waitForRun(h, (await createRun(h)).id);
    const response = await download(run);
    expect(response.status).toBe(200);
    body = Buffer.from(await response.arrayBuffer());
  });

  it('goes queued -> running -> succeeded with timestamps and file metadata', () => {
    expect(run.status).toBe('succeeded');
    expect(run.attempts).toBe(1);
    expect(Date.parse(run.startedAt!)).toBeGreaterThanOrEqual(Date.parse(run.createdAt));
    expect(Date.parse(run.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(run.startedAt!));
    expect(Date.parse(run.expiresAt!) - Date.parse(run.finishedAt!)).toBeCloseTo(7 * 86_400_000, -4);
    expect(run.file).toMatchObject({
      rowCount: h.appointmentsA,
      contentType: 'text/csv; charset=utf-8; header=present',
    });
    expect(run.file?.columns).toEqual([
      'appointment_id',
      'patient_id',
      'starts_at',
      'booked_at',
      'professional',
      'specialty',
      'status',
      'price',
      'reminder_sent',
    ]);
  });

  it('serves a file byte-identical to csv-stringify output of the same query (RFC 4180, CRLF, UTF-8)', async () => {
    expect(body.toString('utf8')).toBe(await expectedCsv('appointments', APPOINTMENTS_BODY.parameters));
    expect(body.toString('utf8')).toContain('"Dr. ""Beto"""');
    expect(body.toString('utf8')).toContain('"Dr. Multi\nLine"');
    expect(body.toString('utf8')).toContain('Dra. Conceição');
  });

  it('answers with Content-Type, Content-Length, Content-Disposition, ETag and Repr-Digest from the sha256', async () => {
    const response = await download(run);
    await response.arrayBuffer();
    const sha = createHash('sha256').update(body).digest('hex');
    expect(run.file?.sha256).toBe(sha);
    expect(run.file?.byteSize).toBe(body.length);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(response.headers.get('content-length')).toBe(String(body.length));
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="appointments-2026-01-01_2026-12-31-[0-9a-f]{8}\.csv"/,
    );
    expect(response.headers.get('etag')).toBe(`"${sha}"`);
    expect(response.headers.get('repr-digest')).toBe(
      `sha-256=:${Buffer.from(sha, 'hex').toString('base64')}:`,
    );
    expect(response.headers.get('accept-ranges')).toBe('bytes');
  });

  it('serves byte ranges with 206 and Content-Range', async () => {
    const first = await download(run, { Range: 'bytes=0-9' });
    expect(first.status).toBe(206);
    expect(first.headers.get('content-range')).toBe(`bytes 0-9/${body.length}`);
    expect(Buffer.from(await first.arrayBuffer())).toEqual(body.subarray(0, 10));
    const tail = await download(run, { Range: 'bytes=-5' });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(body.subarray(body.length - 5));
    const open = await download(run, { Range: `bytes=${body.length - 3}-` });
    expect(Buffer.from(await open.arrayBuffer())).toEqual(body.subarray(body.length - 3));
  });

  it('returns 416 problem with Content-Range when the range starts past the end', async () => {
    const response = await download(run, { Range: `bytes=${body.length}-` });
    expect(response.headers.get('content-range')).toBe(`bytes */${body.length}`);
    await expectProblem(response, 'range-not-satisfiable', 416);
  });

  it('serves the whole file when If-Range does not match, and 304 for a matching If-None-Match', async () => {
    const full = await download(run, { Range: 'bytes=0-9', 'If-Range': '"stale"' });
    expect(full.status).toBe(200);
    expect((await full.arrayBuffer()).byteLength).toBe(body.length);
    const notModified = await download(run, { 'If-None-Match': `"${run.file!.sha256}"` });
    expect(notModified.status).toBe(304);
  });

  it('writes files atomically: no draft is left behind', async () => {
    expect(await readdir(`${h.reportsDir}/.drafts`)).toEqual([]);
  });
});

describe('report types and formats', () => {
  it('exports patients without health flags or external references', async () => {
    const run = await waitForRun(
      h,
      (await createRun(h, { type: 'patients', format: 'csv', parameters: {} })).id,
    );
    expect(run.status).toBe('succeeded');
    expect(run.file?.columns).toEqual([
      'patient_id',
      'registered_on',
      'birth_year',
      'sex',
      'neighbourhood',
      'reminder_opt_in',
    ]);
    expect(run.file?.rowCount).toBe(40);
    const text = await (await download(run)).text();
    expect(text).toBe(await expectedCsv('patients', {}));
    expect(text).not.toMatch(/diabetes|hypertension/);
  });

  it('summarises appointments per month, professional and specialty with no-show rate and revenue', async () => {
    const parameters = { from: '2026-03-01', to: '2026-03-31' };
    const run = await waitForRun(
      h,
      (await createRun(h, { type: 'monthly_summary', format: 'csv', parameters })).id,
    );
    expect(run.status).toBe('succeeded');
    const text = await (await download(run)).text();
    expect(text).toBe(await expectedCsv('monthly_summary', parameters));
    expect(text.split('\r\n')[0]).toBe(
      'month,professional,specialty,appointments,completed,no_shows,no_show_rate,revenue',
    );
  });

  it('writes XLSX with the streaming writer: a header row and one row per appointment', async () => {
    const run = await waitForRun(h, (await createRun(h, { ...APPOINTMENTS_BODY, format: 'xlsx' })).id);
    expect(run.status).toBe('succeeded');
    const response = await download(run);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.getWorksheet('Report')!;
    expect(sheet.rowCount).toBe(h.appointmentsA + 1);
    expect(sheet.getRow(1).getCell(1).value).toBe('appointment_id');
    expect(typeof sheet.getRow(2).getCell(8).value).toBe('number');
    expect(run.file?.rowCount).toBe(h.appointmentsA);
  });
});

describe('GET /v1/report-runs', () => {
  it('lists newest first with a cursor and filters by status and type', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const response = await fetch(`${h.url}/v1/report-runs?limit=2${cursor ? `&cursor=${cursor}` : ''}`, {
        headers: bearer(TOKENS.a),
      });
      const page = reportRunPageSchema.parse(await response.json());
      seen.push(...page.data.map((r) => r.createdAt));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.length).toBeGreaterThanOrEqual(4);
    expect([...seen].sort().reverse()).toEqual(seen);

    const filtered = reportRunPageSchema.parse(
      await (
        await fetch(`${h.url}/v1/report-runs?type=patients&status=succeeded`, { headers: bearer(TOKENS.a) })
      ).json(),
    );
    expect(filtered.data.length).toBeGreaterThanOrEqual(1);
    expect(filtered.data.every((r) => r.type === 'patients' && r.status === 'succeeded')).toBe(true);
  });

  it('returns 400 for a malformed cursor or an unknown status', async () => {
    await expectProblem(
      await fetch(`${h.url}/v1/report-runs?cursor=!!`, { headers: bearer(TOKENS.a) }),
      'bad-request',
      400,
    );
    await expectProblem(
      await fetch(`${h.url}/v1/report-runs?status=done`, { headers: bearer(TOKENS.a) }),
      'bad-request',
      400,
    );
  });
});

describe('worker metrics', () => {
  it('records run duration by type, rows per second and rows exported', async () => {
    const text = await worker.metrics.registry.metrics();
    expect(text).toMatch(
      /report_run_duration_seconds_count\{type="appointments",format="csv",outcome="succeeded"\} [1-9]/,
    );
    expect(text).toMatch(/report_run_rows_per_second_count\{type="appointments",format="csv"\} [1-9]/);
    expect(text).toMatch(/report_rows_exported_total\{type="patients",format="csv"\} 40/);
  });

  it('exposes the queue depth on the API /metrics', async () => {
    const text = await (await fetch(`${h.url}/metrics`)).text();
    expect(text).toMatch(/report_runs_queue_depth\{status="queued"\} \d+/);
  });
});
