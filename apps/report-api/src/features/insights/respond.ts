// Sends insights rows as JSON ({ data, meta }) or, with ?format=csv, as a CSV download of the same rows.
import type { Response } from 'express';
import type { InsightsMeta } from '@repo/contract';

type Cell = string | number | boolean | null | readonly string[];

function csvCell(value: Cell): string | number {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string' || typeof value === 'number') return value;
  return value.join(';');
}

// RFC 4180 by hand: csv-stringify's per-cell machinery took seconds for the 10,000-clinic health export on
// this machine, and these cells are plain strings and numbers. Text that a spreadsheet would run as a
// formula (=, +, -, @ first) is prefixed with an apostrophe (CSV injection).
function csvField(value: string | number): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(rows: readonly Record<string, Cell>[], columns: readonly string[]): string {
  const lines = [columns.map(csvField).join(',')];
  for (const row of rows)
    lines.push(columns.map((column) => csvField(csvCell(row[column] ?? null))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function sendRows<Row extends Record<string, Cell>>(
  res: Response,
  options: {
    name: string;
    format: 'json' | 'csv';
    rows: Row[];
    meta: InsightsMeta;
    columns: readonly (keyof Row & string)[];
  },
): void {
  if (options.format === 'csv') {
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="insights-${options.name}.csv"`)
      .set('Cache-Control', 'no-store')
      .send(toCsv(options.rows, options.columns));
    return;
  }
  res.set('Cache-Control', 'no-store').json({ data: options.rows, meta: options.meta });
}
