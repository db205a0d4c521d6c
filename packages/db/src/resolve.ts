// Where the database is: DATABASE_URL when set, else the embedded PostgreSQL in the repo's git-ignored
// .data folder (started, or attached to when another of our processes already runs it). EMBEDDED_PG_PORT and
// EMBEDDED_PG_DATA move the embedded cluster (tests use a temporary folder).
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from './embedded.ts';
import { withDatabase } from './connection.ts';

export const DEV_DATABASE = 'clinic_reports';
export const DEV_EMBEDDED_PORT = 54329;

export function repoRoot(from: string = process.cwd()): string {
  let dir = resolve(from);
  while (!existsSync(join(dir, 'turbo.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return resolve(from);
    dir = parent;
  }
  return dir;
}

export interface ResolvedDatabase {
  url: string;
  embedded: boolean;
  stop: () => Promise<void>;
}

export async function createDatabaseIfMissing(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

export async function resolveDatabase(env: NodeJS.ProcessEnv = process.env): Promise<ResolvedDatabase> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, embedded: false, stop: () => Promise.resolve() };
  const running = await startEmbeddedPostgres({
    dataDir: env.EMBEDDED_PG_DATA ?? join(repoRoot(), '.data', 'postgres'),
    port: Number(env.EMBEDDED_PG_PORT ?? DEV_EMBEDDED_PORT),
    persistent: true,
  });
  await createDatabaseIfMissing(running.url, DEV_DATABASE);
  return { url: withDatabase(running.url, DEV_DATABASE), embedded: true, stop: running.stop };
}
