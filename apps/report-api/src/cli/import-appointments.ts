// `npm run import:appointments -- file.csv [--mapping kaggle-noshow|map.json] [--company <ref or name>]
//  [--batch-size 1000] [--refresh]`: loads appointments, patients and clinics from a CSV export into the
// database resolveDatabase() picks (DATABASE_URL, else the embedded PostgreSQL). Layout and mapping:
// docs/reference/insights.md#import. Exit code 0 even when rows were skipped (they are listed); 1 when the
// file or mapping cannot be used at all; 2 on bad arguments.
import { createReadStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { createPool, migrate, refreshInsights, resolveDatabase } from '@repo/db';
import { ImportError, loadMapping } from '../features/insights/appointment-import/csv-layout.ts';
import { importAppointments } from '../features/insights/appointment-import/import-appointments.ts';

const MAX_ERRORS_SHOWN = 100;

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      mapping: { type: 'string' },
      company: { type: 'string' },
      'batch-size': { type: 'string', default: '1000' },
      refresh: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
const { values, positionals } = parsed;
const file = positionals[0];
const batchSize = Number(values['batch-size']);
if (values.help || !file || !Number.isInteger(batchSize) || batchSize < 1 || batchSize > 50_000) {
  console.error(
    'usage: npm run import:appointments -- file.csv [--mapping kaggle-noshow|map.json] [--company <ref or name>] [--batch-size 1000] [--refresh]',
  );
  process.exit(values.help ? 0 : 2);
}

const database = await resolveDatabase();
const pool = createPool({
  connectionString: database.url,
  max: 2,
  statementTimeoutMs: 120_000,
  applicationName: 'import',
});
const started = performance.now();
try {
  await migrate(database.url);
  const mapping = await loadMapping(values.mapping);
  const report = await importAppointments(pool, createReadStream(file), {
    mapping,
    company: values.company,
    batchSize,
    onProgress: (p) => {
      const seconds = (performance.now() - started) / 1000;
      process.stderr.write(
        `\r${p.rowsRead} rows read: ${p.inserted} new, ${p.updated} updated, ${p.unchanged} unchanged, ` +
          `${p.duplicates} duplicate, ${p.skipped} skipped (${Math.round(p.rowsRead / seconds)} rows/s)`,
      );
    },
  });
  process.stderr.write('\n');
  for (const error of report.errors.slice(0, MAX_ERRORS_SHOWN))
    console.error(`line ${error.line}: ${error.reason}`);
  if (report.errors.length > MAX_ERRORS_SHOWN)
    console.error(`... and ${report.errors.length - MAX_ERRORS_SHOWN} more`);
  const seconds = report.ms / 1000;
  console.log(
    `imported ${file}: ${report.rowsRead} rows in ${seconds.toFixed(1)} s (${Math.round(report.rowsRead / seconds)} rows/s); ` +
      `appointments ${report.inserted} new, ${report.updated} updated, ${report.unchanged} unchanged; ` +
      `${report.duplicates} duplicate rows ignored; ${report.skipped} bad rows skipped; ` +
      `${report.patientsCreated} patients and ${report.companiesCreated.length} clinics created` +
      (report.companiesCreated.length ? ` (${report.companiesCreated.join(', ')})` : ''),
  );
  if (values.refresh) {
    const refreshed = await refreshInsights(pool);
    console.log(
      refreshed.refreshed
        ? `insights refreshed in ${(refreshed.totalMs / 1000).toFixed(1)} s`
        : 'insights: another refresh is running; skipped',
    );
  }
} catch (error) {
  if (error instanceof ImportError) {
    console.error(`import failed: ${error.message}`);
    process.exitCode = 1;
  } else throw error;
} finally {
  await pool.end();
  await database.stop();
}
