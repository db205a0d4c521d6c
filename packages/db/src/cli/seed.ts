// `npm run db:seed -- --preset <demo|test|target> [--seed N]`: migrates, then generates data into the database
// resolveDatabase() picks (DATABASE_URL, else the embedded PostgreSQL in .data/postgres). Appends to what is
// there; `npm run db:reset` starts from an empty database.
import { migrate } from '../migrate.ts';
import { resolveDatabase } from '../resolve.ts';
import { seed } from '../generator/seed.ts';
import { isPresetName } from '../generator/presets.ts';
import { describeUrl, parseArgs } from './args.ts';
import { printProgress, printSeedResult } from './seed-report.ts';

const args = parseArgs(process.argv.slice(2));
const preset = String(args.get('preset') ?? 'demo');
if (!isPresetName(preset)) {
  console.error(`unknown preset "${preset}": use demo, test or target`);
  process.exit(2);
}
const seedValue = Number(args.get('seed') ?? 1);

const database = await resolveDatabase();
try {
  console.log(
    `database: ${database.embedded ? 'embedded PostgreSQL' : 'DATABASE_URL'} ${describeUrl(database.url)}`,
  );
  const migrated = await migrate(database.url);
  console.log(
    `migrations: version ${migrated.version}${migrated.applied.length ? ` (applied ${migrated.applied.join(', ')})` : ''}`,
  );
  console.log(`seeding preset "${preset}" with seed ${seedValue}...`);
  const result = await seed(database.url, { preset, seed: seedValue, onProgress: printProgress });
  printSeedResult(result);
} finally {
  await database.stop();
}
