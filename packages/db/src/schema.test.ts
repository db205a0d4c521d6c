import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './testing/index.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase('schema');
});
afterAll(async () => {
  await t.drop();
});

/** Tables and columns declared in src/schema.ts (its `Database` interface), with whether each is nullable. */
function declaredSchema(): Record<string, Record<string, { nullable: boolean }>> {
  const file = fileURLToPath(new URL('./schema.ts', import.meta.url));
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  source.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node)) interfaces.set(node.name.text, node);
  });
  const database = interfaces.get('Database');
  if (!database) throw new Error('schema.ts has no Database interface');
  const tables: Record<string, Record<string, { nullable: boolean }>> = {};
  for (const member of database.members) {
    if (!ts.isPropertySignature(member) || !member.type) continue;
    const tableName = member.name.getText(source);
    const table = interfaces.get(member.type.getText(source));
    if (!table) throw new Error(`schema.ts: no interface for table ${tableName}`);
    const columns: Record<string, { nullable: boolean }> = {};
    for (const column of table.members) {
      if (!ts.isPropertySignature(column) || !column.type) continue;
      columns[column.name.getText(source)] = { nullable: /\bnull\b/.test(column.type.getText(source)) };
    }
    tables[tableName] = columns;
  }
  return tables;
}

describe('schema.ts', () => {
  it('declares exactly the tables and columns of the migrated database, with the same nullability', async () => {
    const { rows } = await t.pool.query<{ table_name: string; column_name: string; is_nullable: string }>(`
      SELECT table_name, column_name, is_nullable
      FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name IN (
        SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE')
      ORDER BY table_name, ordinal_position`);
    const live: Record<string, Record<string, { nullable: boolean }>> = {};
    for (const row of rows) {
      live[row.table_name] ??= {};
      live[row.table_name]![row.column_name] = { nullable: row.is_nullable === 'YES' };
    }
    const declared = declaredSchema();
    // Tables added by other workspaces' migrations are typed where they are used; the core tables must match.
    for (const table of Object.keys(declared)) expect(live[table], `table ${table}`).toEqual(declared[table]);
    expect(Object.keys(declared).sort()).toEqual(
      ['api_tokens', 'app_events', 'appointments', 'companies', 'patients'].sort(),
    );
  });
});

describe('core schema', () => {
  it('gives every tenant table a primary key and indexes that start with company_id', async () => {
    const { rows } = await t.pool.query<{ index_name: string; table_name: string; first_column: string }>(`
      SELECT ic.relname AS index_name, c.relname AS table_name, a.attname AS first_column
      FROM pg_index i
      JOIN pg_class c ON c.oid = i.indrelid
      JOIN pg_class ic ON ic.oid = i.indexrelid
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = i.indkey[0]
      JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public'
        AND c.relname IN ('patients', 'appointments', 'app_events')`);
    expect(rows.length).toBeGreaterThanOrEqual(7);
    for (const row of rows) expect(row, row.index_name).toMatchObject({ first_column: 'company_id' });
  });

  it('rejects a clinic token without a company and an internal token with one', async () => {
    await t.pool.query(
      "INSERT INTO companies (id, name, plan, specialty, city, state) VALUES (1, 'C', 'pro', 'Odontologia', 'Recife', 'PE')",
    );
    await expect(
      t.pool.query(
        "INSERT INTO api_tokens (role, label, token_hash) VALUES ('clinic', 'x', repeat('a', 64))",
      ),
    ).rejects.toThrow(/check constraint/);
    await expect(
      t.pool.query(
        "INSERT INTO api_tokens (company_id, role, label, token_hash) VALUES (1, 'product', 'x', repeat('b', 64))",
      ),
    ).rejects.toThrow(/check constraint/);
  });

  it('rejects an appointment whose patient belongs to another company', async () => {
    await t.pool.query(
      "INSERT INTO companies (id, name, plan, specialty, city, state) VALUES (2, 'D', 'free', 'Pediatria', 'Natal', 'RN')",
    );
    await t.pool.query('INSERT INTO patients (company_id, id) VALUES (1, 100)');
    await expect(
      t.pool
        .query(`INSERT INTO appointments (company_id, patient_id, professional, specialty, booked_at, starts_at, status)
                    VALUES (2, 100, 'Dr. X', 'Pediatria', now(), now(), 'scheduled')`),
    ).rejects.toThrow(/foreign key/);
  });
});
