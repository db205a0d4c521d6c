// The analyses must recover what the data generator plants (generator/planted-effects.ts): direction and
// rough size, on a small generated dataset.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/index.ts';
import { plantedEffects } from '../generator/planted-effects.ts';
import { seed } from '../generator/seed.ts';
import { refreshInsights } from './refresh.ts';

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase('insights_planted');
  await seed(t.pool, {
    preset: 'test',
    seed: 3,
    companies: 120,
    patients: 12_000,
    appointments: 60_000,
    appEvents: 80_000,
  });
  await refreshInsights(t.pool);
}, 240_000);
afterAll(async () => {
  await t.drop();
});

interface Cell {
  bucket: string;
  appointments: number;
  no_shows: number;
}

async function noShow(factor: string): Promise<Map<string, number>> {
  const { rows } = await t.pool.query<Cell>(
    "SELECT bucket, appointments, no_shows FROM insights_noshow WHERE period = 'all' AND plan = 'all' AND factor = $1",
    [factor],
  );
  return new Map(rows.map((r) => [r.bucket, r.no_shows / r.appointments]));
}

describe('insights recover the generator planted effects', () => {
  it('finds the no-show rate of each lead-time bucket near the planted rate, rising with lead time', async () => {
    const rates = await noShow('lead_time');
    const planted = plantedEffects.appointments.noShowByLeadBucket;
    const buckets = ['0', '1-2', '3-7', '8-15', '16-30', '31+'];
    const observed = buckets.map((b) => rates.get(b) ?? Number.NaN);
    // Same-day bookings get no reminder, so their rate is the planted one (times the age mix, ~1).
    expect(observed[0]).toBeGreaterThan(planted[0].rate * 0.6);
    expect(observed[0]).toBeLessThan(planted[0].rate * 1.5);
    expect(observed[5]).toBeGreaterThan((observed[0] ?? 1) * 2.5);
    for (let i = 2; i < observed.length; i++) expect(observed[i]).toBeGreaterThan(observed[i - 1] ?? 1);
  });

  it('recovers the reminder effect (×0.6) within lead-time strata', async () => {
    const rates = await noShow('lead_time_reminder');
    const ratios = ['3-7', '8-15', '16-30'].map(
      (b) => (rates.get(`${b}/yes`) ?? 0) / (rates.get(`${b}/no`) ?? 1),
    );
    for (const ratio of ratios) {
      expect(ratio).toBeGreaterThan(plantedEffects.appointments.reminderMultiplier * 0.6);
      expect(ratio).toBeLessThan(plantedEffects.appointments.reminderMultiplier * 1.4);
    }
  });

  it('shows teenagers and young adults missing more than patients over 60', async () => {
    const rates = await noShow('age_group');
    expect(rates.get('13-19')).toBeGreaterThan((rates.get('60+') ?? 1) * 1.3);
    expect(rates.get('20-39')).toBeGreaterThan((rates.get('60+') ?? 1) * 1.3);
  });

  it('finds churned clinics using reports less before they left', async () => {
    const { rows } = await t.pool.query<{ x: string; pearson_r: number; spearman_rho: number; n: number }>(
      "SELECT x, pearson_r, spearman_rho, n FROM insights_correlations WHERE y = 'churned' AND x IN ('reports_per_week', 'active_days_per_week')",
    );
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.n).toBe(120);
      expect(row.spearman_rho).toBeLessThan(0);
    }
    const drivers = await t.pool.query<{ driver: string; odds_ratio: number }>(
      "SELECT driver, odds_ratio FROM insights_churn_drivers WHERE driver IN ('low_report_use', 'low_active_days')",
    );
    for (const driver of drivers.rows) expect(driver.odds_ratio, driver.driver).toBeGreaterThan(1);
  });

  it('counts churn by month and lets monthly KPIs add up to the generated appointments', async () => {
    const churned = await t.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM companies WHERE status = 'churned'",
    );
    const kpis = await t.pool.query<{ churned: number; appointments: number }>(
      "SELECT sum(churned_clinics)::int AS churned, sum(appointments)::int AS appointments FROM insights_kpis_monthly WHERE plan = 'all'",
    );
    expect(kpis.rows[0]?.churned).toBe(churned.rows[0]?.n);
    const held = await t.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM appointments a, insights_anchor an WHERE status IN ('completed', 'no_show') AND date_trunc('week', a.starts_at AT TIME ZONE 'America/Sao_Paulo') <= an.anchor_at AT TIME ZONE 'America/Sao_Paulo'",
    );
    expect(kpis.rows[0]?.appointments).toBe(held.rows[0]?.n);
  });
});
