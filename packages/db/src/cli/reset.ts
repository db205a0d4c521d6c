// `npm run db:reset`: drops and recreates the dev database, migrates it and seeds the demo preset.
// Refuses a DATABASE_URL that is not on this machine unless --force is given: this command deletes data.
import pg from 'pg';
import { withDatabase } from '../connection.ts';
import { migrate } from '../migrate.ts';
import { resolveDatabase } from '../resolve.ts';
import { seed } from '../generator/seed.ts';
import { describeUrl, parseArgs, seconds } from './args.ts';
import { printProgress, printSeedResult } from './seed-report.ts';

const args = parseArgs(process.argv.slice(2));
const started = performance.now();
const database = await resolveDatabase();
try {
  const url = new URL(database.url);
  const name = decodeURIComponent(url.pathname.slice(1));
  const local = ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(url.hostname);
  if (!database.embedded && (!local || process.env.NODE_ENV === 'production') && !args.has('force')) {
    console.error(
      `refusing to reset ${describeUrl(database.url)}: not a local dev database (pass --force to insist)`,
    );
    process.exitCode = 2;
  } else if (!name || name === 'postgres') {
    console.error(
      'refusing to reset the maintenance database "postgres": point DATABASE_URL at a dev database',
    );
    process.exitCode = 2;
  } else {
    console.log(
      `database: ${database.embedded ? 'embedded PostgreSQL' : 'DATABASE_URL'} ${describeUrl(database.url)}`,
    );
    const admin = new pg.Client({ connectionString: withDatabase(database.url, 'postgres') });
    await admin.connect();
    try {
      const quoted = `"${name.replaceAll('"', '""')}"`;
      await admin.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${quoted}`);
    } finally {
      await admin.end();
    }
    console.log(`dropped and recreated "${name}" (${seconds(performance.now() - started)})`);
    const migrated = await migrate(database.url);
    console.log(
      `applied migrations ${migrated.applied.join(', ')} (${seconds(performance.now() - started)})`,
    );
    const result = await seed(database.url, { preset: 'demo', onProgress: printProgress });
    printSeedResult(result);
    console.log(`\nreset done in ${seconds(performance.now() - started)}`);
  }
} finally {
  await database.stop();
}
