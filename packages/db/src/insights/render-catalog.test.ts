import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { metricCatalog } from './catalog.ts';
import { METRIC_CATALOG_PAGE, renderMetricCatalog } from './render-catalog.ts';

describe('docs/reference/metric-catalog.md', () => {
  it('is up to date with the catalog (run: node packages/db/src/insights/render-catalog.ts)', async () => {
    expect(readFileSync(METRIC_CATALOG_PAGE, 'utf8')).toBe(await renderMetricCatalog());
  });

  it('documents every metric the issue asks for, each with an owner and SQL', () => {
    const names = metricCatalog.map((m) => m.name);
    for (const required of [
      'active_clinics_daily',
      'active_clinics_weekly',
      'active_clinics_monthly',
      'stickiness',
      'feature_adoption',
      'reports_created',
      'appointments',
      'no_show_rate',
      'median_lead_days',
      'revenue_cents',
      'churned_clinics',
    ]) {
      expect(names).toContain(required);
    }
    expect(new Set(names).size).toBe(names.length);
    for (const m of metricCatalog) expect(m.sql, m.name).toMatch(/^SELECT /);
  });
});
