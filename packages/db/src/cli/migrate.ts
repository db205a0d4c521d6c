// `npm run db:migrate`: applies pending migrations to the database resolveDatabase() picks.
import { migrate } from '../migrate.ts';
import { resolveDatabase } from '../resolve.ts';
import { describeUrl, seconds } from './args.ts';

const started = performance.now();
const database = await resolveDatabase();
try {
  console.log(
    `database: ${database.embedded ? 'embedded PostgreSQL' : 'DATABASE_URL'} ${describeUrl(database.url)}`,
  );
  const result = await migrate(database.url);
  console.log(
    result.applied.length
      ? `applied migrations ${result.applied.join(', ')}; now at version ${result.version}`
      : `already at version ${result.version}: nothing to apply`,
  );
  console.log(`done in ${seconds(performance.now() - started)}`);
} finally {
  await database.stop();
}
