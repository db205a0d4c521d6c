// Test databases: each test file gets its own database cloned from the migrated template, and drops it.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Kysely } from 'kysely';
import { createDb, createPool, withDatabase } from '../connection.ts';
import type { Database } from '../schema.ts';
import { ADMIN_URL_ENV, TEMPLATE_ENV } from './global-setup.ts';

export { ADMIN_URL_ENV, TEMPLATE_ENV };

export interface TestDatabase {
  name: string;
  url: string;
  pool: pg.Pool;
  db: Kysely<Database>;
  drop: () => Promise<void>;
}

function adminUrl(): string {
  const url = process.env[ADMIN_URL_ENV];
  if (!url)
    throw new Error(`${ADMIN_URL_ENV} is not set: add @repo/db/testing/global-setup to vitest globalSetup`);
  return url;
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Drops a test database. pg's pool.end() resolves before its connections are gone; dropping WITH (FORCE) at
 * that moment kills them mid-goodbye and the client emits an unhandled FATAL. So wait (up to 2 s) for them to
 * leave, and only then force out whatever remains.
 */
export async function dropTestDatabase(name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    for (let i = 0; i < 40; i++) {
      const { rows } = await client.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
        [name],
      );
      if (rows[0]?.n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await client.query(`DROP DATABASE IF EXISTS "${name.replaceAll('"', '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Creates an empty, fully migrated database with a unique name. */
export async function createTestDatabase(prefix = 'test'): Promise<TestDatabase> {
  const template = process.env[TEMPLATE_ENV];
  if (!template)
    throw new Error(`${TEMPLATE_ENV} is not set: add @repo/db/testing/global-setup to vitest globalSetup`);
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  const url = withDatabase(adminUrl(), name);
  const pool = createPool({ connectionString: url, max: 5, applicationName: 'test' });
  const db = createDb(pool);
  return {
    name,
    url,
    pool,
    db,
    drop: async () => {
      // Kysely ends the pool only if it ever ran a query; tests that use `pool` directly need this too.
      await db.destroy();
      if (!pool.ended) await pool.end();
      await dropTestDatabase(name);
    },
  };
}
