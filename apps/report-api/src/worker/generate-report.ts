// Streams one report from PostgreSQL to a storage draft with backpressure end to end, so memory stays
// flat whatever the size. CSV: COPY (query) TO STDOUT WITH CSV, passed through (LF -> CRLF) untouched by
// JavaScript row objects. XLSX: a server-side cursor read in large batches into exceljs' streaming writer.
// Both are paced by the worker's row budget when it has one (PostgreSQL then produces rows no faster).
import { once } from 'node:events';
import { PassThrough, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';
import type { ReportFormat } from '@repo/contract';
import type { ReportColumn, ReportQuery } from '../features/report-runs/report-definitions.ts';
import { CrlfTransform } from './crlf-transform.ts';
import { RowPacer } from './row-pacer.ts';
import type { RowBudget } from './row-budget.ts';
import { DigestTransform } from './digest-transform.ts';

export interface GeneratedFile {
  rowCount: number;
  byteSize: number;
  sha256: string;
  columns: string[];
}

export interface GenerateOptions {
  client: pg.ClientBase;
  query: ReportQuery;
  format: ReportFormat;
  output: Writable;
  signal: AbortSignal;
  cursorBatchSize?: number;
  /** The worker's shared rows-per-second budget; no pacing without one. */
  budget?: RowBudget;
}

export async function generateReport(options: GenerateOptions): Promise<GeneratedFile> {
  const digest = new DigestTransform();
  const columns = options.query.columns.map((c) => c.name);
  const rowCount =
    options.format === 'csv'
      ? await writeCsv(options, digest)
      : await writeXlsx(options, digest, options.cursorBatchSize ?? 5_000);
  return { rowCount, byteSize: digest.bytes, sha256: digest.hex(), columns };
}

async function writeCsv(options: GenerateOptions, digest: DigestTransform): Promise<number> {
  const copy = options.client.query(
    copyStreams.to(`COPY (${options.query.sql}) TO STDOUT WITH (FORMAT csv, HEADER true, ENCODING 'UTF8')`),
  );
  const stages = options.budget?.limited ? [new RowPacer(options.budget, options.signal)] : [];
  await pipeline([copy, new CrlfTransform(), ...stages, digest, options.output], { signal: options.signal });
  return copy.rowCount;
}

/** The most XML a sheet may have waiting for the zip compressor before we stop fetching rows. */
const XLSX_BACKLOG_BYTES = 1024 * 1024;

interface LegacyWritable {
  _writableState?: { length?: number };
  once: (event: 'drain', listener: () => void) => unknown;
}

/**
 * exceljs writes each committed row into the sheet's zip entry without honouring backpressure, so when
 * rows come faster than the compressor takes them, the XML piles up in memory (it grew with the report
 * size). We look at what waits in front of the compressor (the entry's input streams, old-style
 * readable-stream objects) and wait for 'drain' above a few megabytes. If exceljs' internals change, this
 * finds no streams and does nothing; the XLSX test still checks the output.
 */
async function sheetBacklogDrained(sheet: unknown, signal: AbortSignal): Promise<void> {
  const pipes = (sheet as { stream?: { pipes?: unknown } }).stream?.pipes;
  if (!Array.isArray(pipes)) return;
  for (const pipe of pipes as LegacyWritable[]) {
    const length = pipe._writableState?.length ?? 0;
    if (length > XLSX_BACKLOG_BYTES) {
      await new Promise<void>((resolve, reject) => {
        pipe.once('drain', resolve);
        signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
      });
    }
  }
}

function cell(column: ReportColumn, value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  switch (column.kind) {
    case 'integer':
    case 'decimal':
      return Number(value);
    case 'boolean':
      return value === true || value === 'true';
    case 'text':
    case 'timestamp':
    case 'date':
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}

async function writeXlsx(
  options: GenerateOptions,
  digest: DigestTransform,
  batchSize: number,
): Promise<number> {
  const { client, query, signal } = options;
  const sink = new PassThrough();
  const written = pipeline(sink, digest, options.output, { signal });
  // Without a rejection handler here a failed write would be unhandled until we await it below.
  written.catch(() => undefined);
  // Loaded on first use: exceljs adds ~40 MB to a process that may only ever write CSV.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink,
    useStyles: false,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet('Report');
  sheet.columns = query.columns.map((c) => ({
    header: c.name,
    key: c.name,
    width: Math.max(12, c.name.length + 2),
  }));
  let rows = 0;
  // With a budget, no fetch larger than its burst: PostgreSQL's work comes in the same small steps.
  const fetchSize = Math.min(batchSize, options.budget?.burst ?? batchSize);
  await client.query('BEGIN READ ONLY');
  try {
    await client.query(`DECLARE report_cursor NO SCROLL CURSOR FOR ${query.sql}`);
    for (;;) {
      signal.throwIfAborted();
      const batch = await client.query<Record<string, unknown>>(`FETCH ${fetchSize} FROM report_cursor`);
      await options.budget?.take(batch.rows.length, signal);
      for (const row of batch.rows) {
        sheet.addRow(query.columns.map((c) => cell(c, row[c.name]))).commit();
      }
      rows += batch.rows.length;
      // Backpressure: let the compressor and the file catch up before fetching the next batch.
      await sheetBacklogDrained(sheet, signal);
      if (sink.writableNeedDrain) await once(sink, 'drain', { signal });
      if (batch.rows.length < fetchSize) break;
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    sink.destroy(error as Error);
    throw error;
  }
  sheet.commit();
  await workbook.commit();
  await written;
  return rows;
}
