import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/index.ts';
import { fixturePlantedEffects, seedInsightsFixture } from './fixture.ts';
import { insightsAnchor, refreshInsights } from './refresh.ts';
import { healthComponents, insightsViews, metricCatalog } from './catalog.ts';

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase('insights');
  await seedInsightsFixture(t.pool);
});
afterAll(async () => {
  await t.drop();
});

interface NoShowRow {
  bucket: string;
  appointments: number;
  no_shows: number;
  patients: number;
}

async function noShow(factor: string): Promise<Map<string, NoShowRow>> {
  const { rows } = await t.pool.query<NoShowRow>(
    "SELECT bucket, appointments, no_shows, patients FROM insights_noshow WHERE period = 'all' AND plan = 'all' AND factor = $1",
    [factor],
  );
  return new Map(rows.map((r) => [r.bucket, r]));
}

const rate = (row: NoShowRow | undefined): number => (row ? row.no_shows / row.appointments : Number.NaN);

function ranks(values: number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const result = new Array<number>(values.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]?.[0] === order[i]?.[0]) j++;
    for (let k = i; k <= j; k++) result[order[k]?.[1] ?? 0] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return result;
}

function pearson(x: number[], y: number[]): number {
  const mx = x.reduce((a, b) => a + b, 0) / x.length;
  const my = y.reduce((a, b) => a + b, 0) / y.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  x.forEach((xi, i) => {
    const yi = y[i] ?? 0;
    sxy += (xi - mx) * (yi - my);
    sxx += (xi - mx) ** 2;
    syy += (yi - my) ** 2;
  });
  return sxy / Math.sqrt(sxx * syy);
}

describe('refreshInsights', () => {
  it('fills every view on the first call and refreshes them concurrently afterwards', async () => {
    expect(await insightsAnchor(t.pool)).toBeNull();
    const first = await refreshInsights(t.pool);
    expect(first.refreshed).toBe(true);
    expect(first.views.map((v) => v.view)).toEqual(insightsViews.map((v) => v.view));
    expect(first.views.every((v) => !v.concurrently)).toBe(true);

    const seen: string[] = [];
    const second = await refreshInsights(t.pool, { onView: (view) => seen.push(view) });
    expect(second.views.every((v) => v.concurrently)).toBe(true);
    expect(seen).toHaveLength(insightsViews.length);
    expect((await insightsAnchor(t.pool))?.toISOString().slice(0, 10)).toBe('2026-06-29');
  });

  it('skips without waiting when another refresh holds the lock', async () => {
    const holder = await t.pool.connect();
    try {
      await holder.query('SELECT pg_advisory_lock(727060)');
      const result = await refreshInsights(t.pool);
      expect(result).toMatchObject({ refreshed: false, views: [] });
    } finally {
      await holder.query('SELECT pg_advisory_unlock(727060)');
      holder.release();
    }
  });

  it('refreshes while a reader holds every view open, so dashboards never wait for a refresh', async () => {
    const reader = await t.pool.connect();
    try {
      await reader.query('BEGIN');
      // ACCESS SHARE on every view until COMMIT: a plain REFRESH (ACCESS EXCLUSIVE) would wait for it.
      for (const { view } of insightsViews) await reader.query(`SELECT count(*) FROM ${view}`);
      const result = await refreshInsights(t.pool);
      expect(result.refreshed).toBe(true);
      expect(result.views.every((v) => v.concurrently)).toBe(true);
    } finally {
      await reader.query('COMMIT');
      reader.release();
    }
  });
});

describe('analyses recover the planted effects of the fixture', () => {
  it('shows the no-show rate rising with booking lead time, about 0.6 points per day', async () => {
    const byLead = await noShow('lead_time');
    const order = ['0', '1-2', '3-7', '8-15', '16-30', '31+'];
    const rates = order.map((bucket) => rate(byLead.get(bucket)));
    for (let i = 1; i < rates.length; i++) expect(rates[i]).toBeGreaterThan(rates[i - 1] ?? 1);
    // Same-day bookings vs 31-60 days (mean ~45): expected gap ≈ 45 × 0.006 ≈ 0.27.
    const gap = (rates[5] ?? 0) - (rates[0] ?? 0);
    expect(gap).toBeGreaterThan(fixturePlantedEffects.noShowPerLeadDay * 45 * 0.6);
    expect(gap).toBeLessThan(fixturePlantedEffects.noShowPerLeadDay * 45 * 1.4);
  });

  it('shows reminders lowering the no-show rate by about 8 points', async () => {
    const byReminder = await noShow('reminder');
    const effect = rate(byReminder.get('yes')) - rate(byReminder.get('no'));
    expect(effect).toBeLessThan(fixturePlantedEffects.reminderEffect * 0.5);
    expect(effect).toBeGreaterThan(fixturePlantedEffects.reminderEffect * 1.5);
  });

  it('shows patients under 20 missing more appointments than patients over 60', async () => {
    const byAge = await noShow('age_group');
    expect(rate(byAge.get('13-19')) - rate(byAge.get('60+'))).toBeGreaterThan(0.02);
    expect([...byAge.values()].reduce((sum, r) => sum + r.appointments, 0)).toBeGreaterThan(20_000);
  });

  it('finds churn negatively correlated with activity, with a confidence interval that excludes zero', async () => {
    const { rows } = await t.pool.query<{
      x: string;
      n: number;
      pearson_r: number;
      spearman_rho: number;
      pearson_ci_low: number;
      pearson_ci_high: number;
    }>(
      "SELECT * FROM insights_correlations WHERE y = 'churned' AND x IN ('active_days_per_week', 'reports_per_week')",
    );
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.n).toBe(41);
      expect(row.pearson_r).toBeLessThan(-0.2);
      expect(row.spearman_rho).toBeLessThan(-0.2);
      expect(row.pearson_ci_low).toBeLessThan(row.pearson_r);
      expect(row.pearson_ci_high).toBeLessThan(0);
    }
  });

  it('ranks low activity and low report use as churn drivers with odds ratios above 2', async () => {
    const { rows } = await t.pool.query<{ driver: string; odds_ratio: number; n: number }>(
      'SELECT driver, odds_ratio, n FROM insights_churn_drivers',
    );
    const or = new Map(rows.map((r) => [r.driver, r.odds_ratio]));
    expect(or.get('low_active_days')).toBeGreaterThan(2);
    expect(or.get('low_report_use')).toBeGreaterThan(2);
  });
});

describe('analysis definitions', () => {
  it('computes Pearson and Spearman (average ranks for ties) as an independent computation does', async () => {
    const features = await t.pool.query<{ a: number; c: number }>(
      'SELECT active_days_per_week AS a, churned AS c FROM insights_clinic_features ORDER BY company_id',
    );
    const a = features.rows.map((r) => r.a);
    const c = features.rows.map((r) => r.c);
    const { rows } = await t.pool.query<{ pearson_r: number; spearman_rho: number }>(
      "SELECT pearson_r, spearman_rho FROM insights_correlations WHERE x = 'active_days_per_week' AND y = 'churned'",
    );
    expect(rows[0]?.pearson_r).toBeCloseTo(pearson(a, c), 6);
    expect(rows[0]?.spearman_rho).toBeCloseTo(pearson(ranks(a), ranks(c)), 6);
  });

  it('classifies weeks as new, returning, dormant and resurrecting', async () => {
    await t.pool.query(`
      INSERT INTO companies (id, name, plan, specialty, city, state, created_at) OVERRIDING SYSTEM VALUE
      VALUES (900, 'Lifecycle', 'free', 'general', 'Vitória', 'ES', '2026-01-01T12:00:00-03:00');
      INSERT INTO app_events (company_id, action, occurred_at, outcome) VALUES
        (900, 'auth.sign_in', '2026-03-03T12:00:00-03:00', 'ok'),
        (900, 'auth.sign_in', '2026-03-10T12:00:00-03:00', 'ok'),
        (900, 'auth.sign_in', '2026-03-24T12:00:00-03:00', 'ok');`);
    await refreshInsights(t.pool);
    const { rows } = await t.pool.query<{ week: string; state: string }>(
      'SELECT week::text, state FROM insights_lifecycle_company WHERE company_id = 900 ORDER BY week',
    );
    expect(rows).toEqual([
      { week: '2026-03-02', state: 'new' },
      { week: '2026-03-09', state: 'returning' },
      { week: '2026-03-16', state: 'dormant' },
      { week: '2026-03-23', state: 'resurrecting' },
      { week: '2026-03-30', state: 'dormant' },
    ]);
  });

  it('weighs the health score with the documented component weights', async () => {
    const { rows } = await t.pool.query<Record<string, number | null>>(
      'SELECT activity, breadth, reports, volume_trend, attendance, score FROM insights_health WHERE attendance IS NOT NULL',
    );
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) {
      const expected = healthComponents.reduce((sum, c) => sum + c.weight * (row[c.name] ?? 0), 0);
      expect(Math.abs((row.score ?? 0) - expected)).toBeLessThanOrEqual(2);
    }
    expect(healthComponents.reduce((sum, c) => sum + c.weight, 0)).toBeCloseTo(1, 9);
  });

  it('runs every metric definition of the catalog as written', async () => {
    for (const metric of metricCatalog) {
      const result = await t.pool.query(metric.sql);
      expect(result.rows.length, metric.name).toBeGreaterThan(0);
      const columns = await t.pool.query<{ column_name: string }>(
        'SELECT attname AS column_name FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0',
        [metric.source.view],
      );
      expect(
        columns.rows.map((r) => r.column_name),
        metric.name,
      ).toContain(metric.source.column);
    }
  });

  it('agrees with the catalog definition of the monthly no-show rate', async () => {
    const definition = metricCatalog.find((m) => m.name === 'no_show_rate');
    const reference = await t.pool.query<{ month: Date; no_show_rate: number }>(definition?.sql ?? '');
    const served = await t.pool.query<{ month: Date; no_show_rate: number }>(
      "SELECT month, no_show_rate FROM insights_kpis_monthly WHERE plan = 'all' AND no_show_rate IS NOT NULL",
    );
    const byMonth = new Map(served.rows.map((r) => [r.month.toISOString(), r.no_show_rate]));
    for (const row of reference.rows) {
      expect(byMonth.get(row.month.toISOString())).toBeCloseTo(row.no_show_rate, 9);
    }
  });
});
