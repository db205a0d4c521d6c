// Versioned SQL migrations (postgrator) applied on start and in tests. An advisory lock makes concurrent
// starters (API and worker together) apply them once.
import { fileURLToPath } from 'node:url';
import { readdirSync } from 'node:fs';
import pg from 'pg';
import Postgrator from 'postgrator';

export const migrationsDir = fileURLToPath(new URL('../migrations', import.meta.url));
const MIGRATION_LOCK = 727_001;

export function latestMigrationVersion(dir: string = migrationsDir): number {
  const versions = readdirSync(dir)
    .filter((file) => /^\d+\.do\./.test(file))
    .map((file) => Number(file.split('.')[0]));
  return Math.max(0, ...versions);
}

export interface MigrateOptions {
  /** Folder of `NNN.do.title.sql` files; tests point it at a copy. */
  migrationsDir?: string;
}

/** Turns postgrator's checksum failure into an error that says what happened and what to do instead. */
function explainChecksum(error: unknown): unknown {
  const message = error instanceof Error ? error.message : '';
  const match = /MD5 checksum failed for migration \[(\d+)\]/.exec(message);
  if (!match) return error;
  return new Error(
    `Migration ${match[1]} was edited after it was applied to this database (its checksum changed). ` +
      'Applied migrations are immutable: restore the file and add a new migration with the change ' +
      '(or, for a throwaway dev database, run `npm run db:reset`).',
    { cause: error },
  );
}

export async function migrate(
  connectionString: string,
  options: MigrateOptions = {},
): Promise<{ applied: number[]; version: number }> {
  const dir = options.migrationsDir ?? migrationsDir;
  const client = new pg.Client({ connectionString, application_name: 'migrate' });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const database =
      (await client.query<{ db: string }>('SELECT current_database() AS db')).rows[0]?.db ?? '';
    const postgrator = new Postgrator({
      migrationPattern: `${dir}/*.do.*.sql`,
      driver: 'pg',
      database,
      schemaTable: 'schema_migrations',
      execQuery: (query) => client.query(query),
      // Checksums ignore CRLF vs LF, so a Windows checkout does not look like an edited migration.
      newline: 'LF',
    });
    const applied = await postgrator.migrate().catch((error: unknown) => {
      throw explainChecksum(error);
    });
    return { applied: applied.map((m) => m.version), version: await postgrator.getDatabaseVersion() };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await client.end();
  }
}

/** The applied version, or 0 when the schema table does not exist yet. Used by readiness checks. */
export async function appliedMigrationVersion(pool: pg.Pool): Promise<number> {
  const exists = await pool.query<{ t: string | null }>("SELECT to_regclass('schema_migrations')::text AS t");
  if (!exists.rows[0]?.t) return 0;
  const { rows } = await pool.query<{ version: number }>(
    'SELECT COALESCE(max(version), 0)::int AS version FROM schema_migrations',
  );
  return rows[0]?.version ?? 0;
}
