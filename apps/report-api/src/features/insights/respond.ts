// Sends insights rows as JSON ({ data, meta }) or, with ?format=csv, as a CSV download of the same rows.
import type { Response } from 'express';
import { stringify } from 'csv-stringify/sync';
import type { InsightsMeta } from '@repo/contract';

type Cell = string | number | boolean | null | readonly string[];

function csvCell(value: Cell): string | number {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string' || typeof value === 'number') return value;
  return value.join(';');
}

export function toCsv(rows: readonly Record<string, Cell>[], columns: readonly string[]): string {
  return stringify(
    rows.map((row) => columns.map((column) => csvCell(row[column] ?? null))),
    { header: true, columns: [...columns], bom: false },
  );
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
