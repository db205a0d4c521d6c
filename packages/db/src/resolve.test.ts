import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { DEV_DATABASE, createDatabaseIfMissing, repoRoot, resolveDatabase } from './resolve.ts';
import { freePort, startEmbeddedPostgres } from './embedded.ts';
import { migrate, latestMigrationVersion } from './migrate.ts';
import { withDatabase } from './connection.ts';
import { ADMIN_URL_ENV } from './testing/global-setup.ts';
import { dropTestDatabase } from './testing/index.ts';

async function scalar(url: string, sql: string): Promise<unknown> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ v: unknown }>(sql);
    return rows[0]?.v;
  } finally {
    await client.end();
  }
}

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** A folder the postgres user can traverse even when the tests run as root. */
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('resolveDatabase()', () => {
  it('uses DATABASE_URL as is when it is set, and starts nothing', async () => {
    const name = `resolve_${randomBytes(6).toString('hex')}`;
    const adminUrl = process.env[ADMIN_URL_ENV] ?? '';
    await createDatabaseIfMissing(adminUrl, name);
    cleanups.push(() => dropTestDatabase(name));
    const url = withDatabase(adminUrl, name);

    const database = await resolveDatabase({ DATABASE_URL: url });

    expect(database).toMatchObject({ url, embedded: false });
    expect((await migrate(database.url)).version).toBe(latestMigrationVersion());
    expect(await scalar(database.url, 'SELECT current_database() AS v')).toBe(name);
    await database.stop();
  });

  it('starts the embedded PostgreSQL without DATABASE_URL, creates the dev database, and a second caller attaches to it', async () => {
    const dataDir = join(tempDir('pg-resolve-'), 'postgres');
    const env = { EMBEDDED_PG_DATA: dataDir, EMBEDDED_PG_PORT: String(await freePort()) };

    const first = await resolveDatabase(env);
    cleanups.push(() => first.stop());
    expect(first.embedded).toBe(true);
    expect(new URL(first.url).port).toBe(env.EMBEDDED_PG_PORT);
    expect(await scalar(first.url, 'SELECT current_database() AS v')).toBe(DEV_DATABASE);

    const second = await resolveDatabase(env);
    expect(second.url).toBe(first.url);
    await second.stop(); // attached: stopping it leaves the first process's server running
    expect(await scalar(first.url, 'SELECT 1 AS v')).toBe(1);
  });
});

describe('startEmbeddedPostgres()', () => {
  it('restarts a cluster whose postmaster.pid was left behind by a crashed process', async () => {
    const dataDir = join(tempDir('pg-stale-'), 'data');
    const port = await freePort();
    const first = await startEmbeddedPostgres({ dataDir, port, persistent: true });
    await first.stop();
    writeFileSync(join(dataDir, 'postmaster.pid'), `2147483646\n${dataDir}\n0\n${port}\n`);

    const again = await startEmbeddedPostgres({ dataDir, port, persistent: false });
    cleanups.push(() => again.stop());
    expect(await scalar(again.url, 'SELECT 1 AS v')).toBe(1);
  });

  it('explains how to fix a permission error instead of failing with a bare EACCES', async () => {
    const locked = join(tempDir('pg-locked-'), 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o000);
    cleanups.push(() => chmodSync(locked, 0o755));

    await expect(
      startEmbeddedPostgres({ dataDir: join(locked, 'sub', 'data'), persistent: false }),
    ).rejects.toThrow(/chmod o\+x.*or set DATABASE_URL/s);
  });
});

describe('repoRoot()', () => {
  it('finds the folder holding turbo.json above the start folder', () => {
    const root = repoRoot(import.meta.dirname);
    expect(existsSync(join(root, 'turbo.json'))).toBe(true);
    expect(repoRoot(join(root, 'packages', 'db', 'src'))).toBe(root);
  });

  it('falls back to the start folder outside a repository', () => {
    const outside = tempDir('no-repo-');
    expect(repoRoot(outside)).toBe(outside);
  });
});
