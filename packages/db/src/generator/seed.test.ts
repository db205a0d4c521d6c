import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/index.ts';
import { hashToken } from '../tokens.ts';
import {
  dataChecksum,
  demoTokens,
  seed,
  seededCompanyToken,
  seedInternalTokens,
  type SeedProgress,
} from './seed.ts';
import { plantedEffects } from './planted-effects.ts';
import { isPresetName, presets } from './presets.ts';

const open: TestDatabase[] = [];
async function database(prefix: string): Promise<TestDatabase> {
  const t = await createTestDatabase(prefix);
  open.push(t);
  return t;
}
afterAll(async () => {
  for (const t of open) await t.drop();
});

async function tokenOwner(
  t: TestDatabase,
  token: string,
): Promise<{ role: string; company_id: string | null } | undefined> {
  const { rows } = await t.pool.query<{ role: string; company_id: string | null }>(
    'SELECT role, company_id FROM api_tokens WHERE token_hash = $1',
    [hashToken(token)],
  );
  return rows[0];
}

describe('seed() determinism', () => {
  it('writes identical data for the same seed and different data for another seed', async () => {
    const [a, b, c] = await Promise.all([database('det_a'), database('det_b'), database('det_c')]);
    const sizes = { companies: 8, patients: 400, appointments: 3_000, appEvents: 3_000 };
    await seed(a.url, { preset: 'test', seed: 7, ...sizes });
    await seed(b.pool, { preset: 'test', seed: 7, ...sizes, batchRows: 500 });
    await seed(c.url, { preset: 'test', seed: 8, ...sizes });

    const [sumA, sumB, sumC] = await Promise.all([
      dataChecksum(a.url),
      dataChecksum(b.pool),
      dataChecksum(c.url),
    ]);
    expect(sumB).toEqual(sumA);
    expect(sumC.appointments).not.toBe(sumA.appointments);
    expect(sumC.companies).not.toBe(sumA.companies);
  });
});

describe('the demo preset', () => {
  let t: TestDatabase;
  let result: Awaited<ReturnType<typeof seed>>;
  beforeAll(async () => {
    t = await database('demo');
    result = await seed(t.pool, { preset: 'demo' });
  });

  it('creates clinic tokens demo-clinic-a and demo-clinic-b for two different clinics', async () => {
    const a = await tokenOwner(t, demoTokens.clinicA);
    const b = await tokenOwner(t, demoTokens.clinicB);
    expect(a).toMatchObject({ role: 'clinic' });
    expect(b).toMatchObject({ role: 'clinic' });
    expect(a?.company_id).not.toBeNull();
    expect(b?.company_id).not.toBe(a?.company_id);
    expect(result.tokens.find((x) => x.token === demoTokens.clinicA)?.companyId).toBe(a?.company_id);
  });

  it('creates internal users demo-product (role product) and demo-cs (role cs) with no company', async () => {
    expect(await tokenOwner(t, demoTokens.product)).toEqual({ role: 'product', company_id: null });
    expect(await tokenOwner(t, demoTokens.cs)).toEqual({ role: 'cs', company_id: null });
  });

  it('makes clinic A the largest clinic, with tens of thousands of appointments', async () => {
    const a = await tokenOwner(t, demoTokens.clinicA);
    const { rows } = await t.pool.query<{ company_id: string; n: number }>(
      'SELECT company_id, count(*)::int AS n FROM appointments GROUP BY 1 ORDER BY 2 DESC',
    );
    expect(rows).toHaveLength(presets.demo.companies);
    expect(rows[0]?.company_id).toBe(a?.company_id);
    expect(rows[0]?.n).toBeGreaterThanOrEqual(20_000);
    const { rows: active } = await t.pool.query<{ status: string }>(
      'SELECT status FROM companies WHERE id = $1',
      [a?.company_id],
    );
    expect(active[0]?.status).toBe('active');
  });

  it('gives every other clinic its seeded dev token', async () => {
    const { rows } = await t.pool.query<{ id: string }>('SELECT id FROM companies ORDER BY id DESC LIMIT 1');
    const id = rows[0]?.id ?? '';
    expect(await tokenOwner(t, seededCompanyToken(id))).toEqual({ role: 'clinic', company_id: id });
  });

  it('leaves identity sequences after the generated ids, so later inserts do not collide', async () => {
    const { rows } = await t.pool.query<{ id: string }>(
      "INSERT INTO companies (name, plan, specialty, city, state) VALUES ('New', 'free', 'Pediatria', 'Natal', 'RN') RETURNING id",
    );
    expect(Number(rows[0]?.id)).toBe(presets.demo.companies + 1);
  });
});

describe('the test preset', () => {
  it('seeds a small realistic dataset quickly and reports progress and phases', async () => {
    const t = await database('small');
    const progress: SeedProgress[] = [];
    const started = performance.now();
    const result = await seed(t.url, { preset: 'test', onProgress: (p) => progress.push(p) });
    expect(performance.now() - started).toBeLessThan(15_000);

    const { rows } = await t.pool.query<{ c: number; p: number; a: number; e: number }>(`
      SELECT (SELECT count(*) FROM companies)::int AS c, (SELECT count(*) FROM patients)::int AS p,
             (SELECT count(*) FROM appointments)::int AS a, (SELECT count(*) FROM app_events)::int AS e`);
    expect(rows[0]).toEqual({ c: 20, p: 2_000, a: 20_000, e: 20_000 });
    expect(result.phases.map((p) => p.phase)).toEqual(
      expect.arrayContaining(['companies', 'patients', 'appointments', 'app_events']),
    );
    expect(progress.at(-1)).toMatchObject({ phase: 'app_events', rows: 20_000, totalRows: 20_000 });
    expect(result.phases.every((p) => p.databaseBytes > 0)).toBe(true);
  });

  it('never creates the demo tokens, only its own internal tokens', async () => {
    const t = await database('nodemo');
    await seed(t.pool, { preset: 'test', companies: 3, patients: 30, appointments: 100, appEvents: 100 });
    for (const token of Object.values(demoTokens)) expect(await tokenOwner(t, token)).toBeUndefined();
    expect(await tokenOwner(t, seedInternalTokens.product)).toEqual({ role: 'product', company_id: null });
  });

  it('appends a second run after the first without id collisions', async () => {
    const t = await database('append');
    const sizes = { companies: 3, patients: 30, appointments: 200, appEvents: 100 };
    const first = await seed(t.pool, { preset: 'test', ...sizes });
    const second = await seed(t.pool, { preset: 'test', seed: 2, ...sizes });
    expect(second.companyIds).toEqual({ first: '4', last: '6' });
    expect(first.companyIds).toEqual({ first: '1', last: '3' });
    const { rows } = await t.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM appointments');
    expect(rows[0]?.n).toBe(400);
  });

  it('rejects sizes it cannot honour and leaves the database untouched', async () => {
    const t = await database('reject');
    await expect(seed(t.pool, { companies: 10, patients: 5 })).rejects.toThrow(
      /patients must be an integer >= 30/,
    );
    await expect(seed(t.pool, { seed: 1.5 })).rejects.toThrow(/seed must be an integer/);
    const { rows } = await t.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM companies');
    expect(rows[0]?.n).toBe(0);
  });

  it('rolls back and rethrows when the database is not migrated', async () => {
    const t = await database('unmigrated');
    await t.pool.query('DROP TABLE app_events CASCADE');
    await expect(
      seed(t.pool, { companies: 3, patients: 30, appointments: 10, appEvents: 10 }),
    ).rejects.toThrow(/app_events/);
    const { rows } = await t.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM companies');
    expect(rows[0]?.n).toBe(0);
  });

  it('in bulk mode rebuilds every secondary index and foreign key it dropped for the load', async () => {
    const t = await database('bulk');
    const definitions = async (): Promise<string[]> => {
      const { rows } = await t.pool.query<{ def: string }>(`
        SELECT indexdef AS def FROM pg_indexes WHERE schemaname = 'public'
        UNION ALL
        SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
        WHERE connamespace = 'public'::regnamespace
        ORDER BY 1`);
      return rows.map((r) => r.def);
    };
    const before = await definitions();

    const result = await seed(t.pool, {
      companies: 4,
      patients: 40,
      appointments: 300,
      appEvents: 300,
      bulk: true,
    });

    expect(await definitions()).toEqual(before);
    expect(result.phases.map((p) => p.phase)).toEqual(
      expect.arrayContaining([
        'drop secondary indexes',
        'rebuild indexes and foreign keys',
        'vacuum analyze',
      ]),
    );
    const { rows } = await t.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM appointments');
    expect(rows[0]?.n).toBe(300);
  });

  it('knows its preset names', () => {
    expect(isPresetName('target')).toBe(true);
    expect(isPresetName('toString')).toBe(false);
  });
});

describe('planted effects', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await database('effects');
    await seed(t.pool, {
      preset: 'test',
      companies: 200,
      patients: 20_000,
      appointments: 100_000,
      appEvents: 100_000,
    });
  }, 180_000);

  const leadSql = `
    SELECT a.*, (a.starts_at AT TIME ZONE c.timezone)::date - (a.booked_at AT TIME ZONE c.timezone)::date AS lead,
           extract(year FROM a.starts_at AT TIME ZONE c.timezone)::int - p.birth_year AS age
    FROM appointments a
    JOIN companies c ON c.id = a.company_id
    JOIN patients p ON p.company_id = a.company_id AND p.id = a.patient_id
    WHERE a.status IN ('completed', 'no_show')`;
  const bucketSql = plantedEffects.appointments.noShowByLeadBucket
    .map((b, i) => `WHEN lead <= ${b.toDays} THEN ${i}`)
    .join(' ');

  it('raises the no-show rate with every longer lead-time bucket (without reminders)', async () => {
    const { rows } = await t.pool.query<{ bucket: number; rate: number }>(`
      SELECT CASE ${bucketSql} END AS bucket, avg((status = 'no_show')::int)::float8 AS rate
      FROM (${leadSql}) x WHERE NOT reminder_sent GROUP BY 1 ORDER BY 1`);
    expect(rows).toHaveLength(plantedEffects.appointments.noShowByLeadBucket.length);
    for (let i = 1; i < rows.length; i++)
      expect(rows[i]!.rate, `bucket ${i}`).toBeGreaterThan(rows[i - 1]!.rate);
    expect(rows[0]!.rate).toBeCloseTo(plantedEffects.appointments.noShowByLeadBucket[0].rate, 1);
  });

  it('lowers the no-show rate by about the planted factor when a reminder was sent, within each lead bucket', async () => {
    const { rows } = await t.pool.query<{ bucket: number; ratio: number }>(`
      SELECT CASE ${bucketSql} END AS bucket,
             (avg((status = 'no_show')::int) FILTER (WHERE reminder_sent)
              / avg((status = 'no_show')::int) FILTER (WHERE NOT reminder_sent))::float8 AS ratio
      FROM (${leadSql}) x WHERE lead >= 1 GROUP BY 1 ORDER BY 1`);
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const row of rows) {
      expect(row.ratio, `bucket ${row.bucket}`).toBeGreaterThan(
        plantedEffects.appointments.reminderMultiplier - 0.2,
      );
      expect(row.ratio, `bucket ${row.bucket}`).toBeLessThan(
        plantedEffects.appointments.reminderMultiplier + 0.2,
      );
    }
  });

  it('gives teenagers and young adults more no-shows than patients aged 60 and over', async () => {
    const { rows } = await t.pool.query<{ young: number; old: number }>(`
      SELECT (avg((status = 'no_show')::int) FILTER (WHERE age BETWEEN 13 AND 39))::float8 AS young,
             (avg((status = 'no_show')::int) FILTER (WHERE age >= 60))::float8 AS old
      FROM (${leadSql}) x`);
    expect(rows[0]!.young).toBeGreaterThan(rows[0]!.old * 1.4);
  });

  it('declines the usage of clinics in the weeks before they churn, report actions most', async () => {
    const { rows } = await t.pool.query<{
      churners: number;
      last4: number;
      before: number;
      share_last4: number;
      share_before: number;
    }>(`
      SELECT count(DISTINCT c.id)::int AS churners,
             count(*) FILTER (WHERE e.occurred_at >= c.churned_at - interval '28 days')::float8 AS last4,
             count(*) FILTER (WHERE e.occurred_at < c.churned_at - interval '84 days')::float8 / 2 AS before,
             (avg((e.action LIKE 'report.%')::int) FILTER (WHERE e.occurred_at >= c.churned_at - interval '28 days'))::float8 AS share_last4,
             (avg((e.action LIKE 'report.%')::int) FILTER (WHERE e.occurred_at < c.churned_at - interval '84 days'))::float8 AS share_before
      FROM companies c JOIN app_events e ON e.company_id = c.id
      WHERE c.status = 'churned' AND e.occurred_at >= c.churned_at - interval '140 days'`);
    const r = rows[0]!;
    expect(r.churners).toBeGreaterThanOrEqual(10);
    // Linear decline to 30%: the last 4 weeks run at about 0.47 of normal.
    expect(r.last4 / r.before).toBeLessThan(0.7);
    expect(r.share_last4 / r.share_before).toBeLessThan(0.75);
  });

  it('skews clinic sizes: the largest tenth of clinics holds over a third of the patients', async () => {
    const { rows } = await t.pool.query<{ share: number }>(`
      SELECT (sum(n) FILTER (WHERE tile = 1) / sum(n))::float8 AS share
      FROM (SELECT count(*) AS n, ntile(10) OVER (ORDER BY count(*) DESC) AS tile FROM patients GROUP BY company_id) x`);
    expect(rows[0]!.share).toBeGreaterThan(0.35);
  });

  it('books fewer appointments on weekends, and fewest on Sundays', async () => {
    const { rows } = await t.pool.query<{ dow: number; n: number }>(`
      SELECT extract(isodow FROM a.starts_at AT TIME ZONE c.timezone)::int AS dow, count(*)::int AS n
      FROM appointments a JOIN companies c ON c.id = a.company_id GROUP BY 1 ORDER BY 1`);
    const n = Object.fromEntries(rows.map((r) => [r.dow, r.n]));
    expect(n[6]).toBeLessThan(n[3]! * 0.5);
    expect(n[7]).toBeLessThan(n[6]! * 0.3);
  });

  it('makes reports slower with clinic size, so only large clinics hit the timeout', async () => {
    const { rows } = await t.pool.query<{ large: boolean; timeouts: number; median: number }>(`
      SELECT p.n >= 1000 AS large, avg((e.outcome = 'timeout')::int)::float8 AS timeouts,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY e.duration_ms)::float8 AS median
      FROM app_events e JOIN (SELECT company_id, count(*) AS n FROM patients GROUP BY 1) p USING (company_id)
      WHERE e.action = 'report.generate' GROUP BY 1`);
    const small = rows.find((r) => !r.large)!;
    const large = rows.find((r) => r.large)!;
    expect(small.timeouts).toBe(0);
    expect(large.timeouts).toBeGreaterThan(0);
    expect(large.median).toBeGreaterThan(small.median * 5);
  });
});
