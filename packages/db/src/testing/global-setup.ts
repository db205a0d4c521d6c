// Vitest globalSetup for any workspace whose tests need PostgreSQL. With DATABASE_URL it uses that server;
// without it, a throwaway embedded PostgreSQL. Either way it builds one migrated template database that
// every test database is cloned from (CREATE DATABASE ... TEMPLATE, ~50 ms).
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startEmbeddedPostgres } from '../embedded.ts';
import { migrate } from '../migrate.ts';
import { withDatabase } from '../connection.ts';

export const ADMIN_URL_ENV = 'TEST_PG_ADMIN_URL';
export const TEMPLATE_ENV = 'TEST_PG_TEMPLATE';

async function admin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export default async function setup(): Promise<() => Promise<void>> {
  let adminUrl = process.env.DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | undefined;
  let dataDir: string | undefined;
  if (!adminUrl) {
    dataDir = mkdtempSync(join(tmpdir(), 'pg-test-'));
    chmodSync(dataDir, 0o755); // PostgreSQL runs as the postgres user when we are root
    const running = await startEmbeddedPostgres({ dataDir: join(dataDir, 'data'), persistent: false });
    adminUrl = running.url;
    stopEmbedded = running.stop;
  }
  const template = `tpl_${randomBytes(6).toString('hex')}`;
  await admin(adminUrl, `CREATE DATABASE ${template}`);
  await migrate(withDatabase(adminUrl, template));
  process.env[ADMIN_URL_ENV] = adminUrl;
  process.env[TEMPLATE_ENV] = template;

  return async () => {
    await admin(adminUrl, `DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    if (stopEmbedded) await stopEmbedded();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}
