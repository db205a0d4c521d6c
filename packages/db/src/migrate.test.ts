import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dropTestDatabase, type TestDatabase } from './testing/index.ts';
import { ADMIN_URL_ENV } from './testing/global-setup.ts';
import { appliedMigrationVersion, latestMigrationVersion, migrate, migrationsDir } from './migrate.ts';
import { createPool, withDatabase } from './connection.ts';

/** An empty database (not cloned from the migrated template). */
async function emptyDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `mig_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: process.env[ADMIN_URL_ENV] });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`).finally(() => client.end());
  return { url: withDatabase(process.env[ADMIN_URL_ENV] ?? '', name), drop: () => dropTestDatabase(name) };
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('migrate()', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase('migrate');
  });
  afterAll(async () => {
    await t.drop();
  });

  it('leaves the template-cloned database at the latest version', async () => {
    expect(await appliedMigrationVersion(t.pool)).toBe(latestMigrationVersion());
  });

  it('is a no-op when run again on a migrated database', async () => {
    const result = await migrate(t.url);
    expect(result).toEqual({ applied: [], version: latestMigrationVersion() });
  });

  it('applies every migration file to an empty database and reports their versions', async () => {
    const db = await emptyDatabase();
    cleanups.push(db.drop);
    const pool = createPool({ connectionString: db.url, max: 1 });
    cleanups.push(() => pool.end());
    expect(await appliedMigrationVersion(pool)).toBe(0);

    const result = await migrate(db.url);

    expect(result.version).toBe(latestMigrationVersion());
    expect(result.applied[0]).toBe(1);
    expect(result.applied.at(-1)).toBe(latestMigrationVersion());
    expect(await appliedMigrationVersion(pool)).toBe(latestMigrationVersion());
  });

  it('applies each migration once when several processes start at the same time', async () => {
    const db = await emptyDatabase();
    cleanups.push(db.drop);

    const results = await Promise.all([migrate(db.url), migrate(db.url), migrate(db.url), migrate(db.url)]);

    const applied = results.flatMap((r) => r.applied);
    expect(applied.filter((v) => v === 1)).toHaveLength(1);
    expect(new Set(applied).size).toBe(applied.length);
    for (const r of results) expect(r.version).toBe(latestMigrationVersion());
    const pool = createPool({ connectionString: db.url, max: 1 });
    cleanups.push(() => pool.end());
    const { rows } = await pool.query<{ version: number; n: number }>(
      'SELECT version::int, count(*)::int AS n FROM schema_migrations WHERE version > 0 GROUP BY version ORDER BY 1',
    );
    expect(rows.map((r) => r.version)).toEqual([...applied].sort((a, b) => a - b));
    expect(rows.every((r) => r.n === 1)).toBe(true);
  });

  it('fails with a clear message when an applied migration file was edited afterwards', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'migrations-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    cpSync(migrationsDir, dir, { recursive: true });
    const db = await emptyDatabase();
    cleanups.push(db.drop);
    await migrate(db.url, { migrationsDir: dir });

    const first = join(dir, '001.do.core-schema.sql');
    writeFileSync(first, readFileSync(first, 'utf8') + '\n-- edited after it was applied\n');

    await expect(migrate(db.url, { migrationsDir: dir })).rejects.toThrow(
      /Migration 1 was edited after it was applied.*add a new migration/s,
    );
  });

  it('passes other migration failures through unchanged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'migrations-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, '001.do.broken.sql'), 'CREATE TABLE broken (;');
    const db = await emptyDatabase();
    cleanups.push(db.drop);

    await expect(migrate(db.url, { migrationsDir: dir })).rejects.toThrow(/syntax error/);
  });

  it('does not treat a CRLF checkout of an applied migration as an edit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'migrations-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    cpSync(migrationsDir, dir, { recursive: true });
    const db = await emptyDatabase();
    cleanups.push(db.drop);
    await migrate(db.url, { migrationsDir: dir });

    const first = join(dir, '001.do.core-schema.sql');
    writeFileSync(first, readFileSync(first, 'utf8').replaceAll('\n', '\r\n'));

    await expect(migrate(db.url, { migrationsDir: dir })).resolves.toMatchObject({ applied: [] });
  });
});
