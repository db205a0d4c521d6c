// Load-test identities: a clinic token per company (`loadtest-<companyId>`, stored hashed like every token,
// label "loadtest") for `count` companies spread over the id range, a few patient ids each, and one
// internal product token. Idempotent: re-running reuses them.
import pg from 'pg';
import { hashToken } from '@repo/db';
import type { Actor, ScenarioContext } from './scenarios.ts';

export const INTERNAL_TOKEN = 'loadtest-product';

export async function prepareActors(databaseUrl: string, count: number): Promise<ScenarioContext> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // One company per bucket, spread over the id range (small and large clinics alike).
    const { rows: picks } = await client.query<{ id: string }>(
      `SELECT min(id)::text AS id FROM (SELECT id, ntile($1) OVER (ORDER BY id) AS b FROM companies
       WHERE status = 'active') t GROUP BY b ORDER BY 1`,
      [count],
    );
    const companies = picks.map((p) => p.id);
    if (companies.length === 0) throw new Error('no active companies: seed the database first');
    await client.query(
      `INSERT INTO api_tokens (company_id, role, label, token_hash)
       SELECT c, 'clinic', 'loadtest', encode(sha256(convert_to('loadtest-' || c, 'UTF8')), 'hex')
       FROM unnest($1::bigint[]) AS c
       ON CONFLICT (token_hash) DO NOTHING`,
      [companies],
    );
    await client.query(
      `INSERT INTO api_tokens (company_id, role, label, token_hash) VALUES (NULL, 'product', 'loadtest', $1)
       ON CONFLICT (token_hash) DO NOTHING`,
      [hashToken(INTERNAL_TOKEN)],
    );
    const { rows: patients } = await client.query<{ company_id: string; ids: string[] }>(
      `SELECT c::text AS company_id,
              ARRAY(SELECT id::text FROM patients p WHERE p.company_id = c ORDER BY id LIMIT 5) AS ids
       FROM unnest($1::bigint[]) AS c`,
      [companies],
    );
    const byCompany = new Map(patients.map((p) => [p.company_id, p.ids]));
    const actors: Actor[] = companies.map((id) => ({
      companyId: id,
      token: `loadtest-${id}`,
      patientIds: byCompany.get(id) ?? [],
    }));
    const today = new Date();
    const weekAgo = new Date(today.getTime() - 6 * 86_400_000);
    return {
      actors,
      internalToken: INTERNAL_TOKEN,
      from: weekAgo.toISOString().slice(0, 10),
      to: today.toISOString().slice(0, 10),
    };
  } finally {
    await client.end();
  }
}

/** The companies with the most appointments (for "large report" runs). */
export async function largestCompanies(databaseUrl: string, count: number): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      `SELECT company_id::text AS id FROM patients GROUP BY company_id ORDER BY count(*) DESC LIMIT $1`,
      [count],
    );
    return rows.map((r) => r.id);
  } finally {
    await client.end();
  }
}
