import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './testing/index.ts';
import { appliedMigrationVersion, latestMigrationVersion, migrate } from './migrate.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase('schema');
});
afterAll(async () => {
  await t.drop();
});

describe('migrations', () => {
  it('applies every migration file to a fresh database', async () => {
    expect(await appliedMigrationVersion(t.pool)).toBe(latestMigrationVersion());
  });

  it('is a no-op when run again on a migrated database', async () => {
    const result = await migrate(t.url);
    expect(result.applied).toEqual([]);
    expect(result.version).toBe(latestMigrationVersion());
  });

  it('gives every tenant table a primary key that starts with company_id', async () => {
    const { rows } = await t.pool.query<{ table_name: string; first_column: string }>(`
      SELECT c.relname AS table_name, a.attname AS first_column
      FROM pg_index i
      JOIN pg_class c ON c.oid = i.indrelid
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = i.indkey[0]
      JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE i.indisprimary AND n.nspname = 'public'
        AND EXISTS (SELECT 1 FROM pg_attribute x WHERE x.attrelid = c.oid AND x.attname = 'company_id' AND NOT x.attisdropped)
        AND c.relname <> 'api_tokens'`);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) expect(row, row.table_name).toMatchObject({ first_column: 'company_id' });
  });

  it('rejects a clinic token without a company and an internal token with one', async () => {
    await expect(
      t.pool.query(
        "INSERT INTO api_tokens (role, label, token_hash) VALUES ('clinic', 'x', repeat('a', 64))",
      ),
    ).rejects.toThrow(/check constraint/);
  });
});
