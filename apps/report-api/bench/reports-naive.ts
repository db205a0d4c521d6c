// The old design, for the benchmark only: load every row into memory, build the whole CSV as one string,
// then write it. Prints one JSON line: {rows, seconds, bytes, maxRssMb}.
import { writeFileSync } from 'node:fs';
import pg from 'pg';
import { stringify } from 'csv-stringify/sync';
import { reportQuery } from '../src/features/report-runs/report-definitions.ts';

const [url, companyId, from, to, out] = process.argv.slice(2);
if (!url || !companyId || !from || !to || !out)
  throw new Error('usage: reports-naive.ts <url> <companyId> <from> <to> <out>');
const started = performance.now();
const client = new pg.Client({ connectionString: url });
await client.connect();
const query = reportQuery('appointments', companyId, { from, to });
const result = await client.query<unknown[]>({ text: query.sql, rowMode: 'array' });
await client.end();
const text = stringify([query.columns.map((c) => c.name), ...result.rows], { record_delimiter: 'windows' });
writeFileSync(out, text);
const seconds = (performance.now() - started) / 1000;
console.log(
  JSON.stringify({
    rows: result.rows.length,
    seconds,
    bytes: Buffer.byteLength(text),
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
