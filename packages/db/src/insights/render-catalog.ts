// Renders the metric catalog (catalog.ts) into docs/reference/metric-catalog.md. Run after changing a
// metric: `node packages/db/src/insights/render-catalog.ts`; render-catalog.test.ts fails while the page is stale.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import {
  AT_RISK_DROP_OF,
  AT_RISK_SCORE_BELOW,
  CORRELATION_ALPHA,
  CORRELATION_SMALL_N_BELOW,
  CORRELATION_WEAK_BELOW,
  DEFAULT_MIN_PATIENTS_PER_GROUP,
  HEALTH_REASON_BELOW,
  INSIGHTS_TIME_ZONE,
  healthComponents,
  insightsViews,
  metricCatalog,
} from './catalog.ts';

export const METRIC_CATALOG_PAGE = fileURLToPath(
  new URL('../../../../docs/reference/metric-catalog.md', import.meta.url),
);

const cell = (text: string): string => text.replaceAll('|', '\\|');

/** The page as the repo's Prettier settings format it, so `format:check` and the freshness test agree. */
export async function renderMetricCatalog(): Promise<string> {
  const lines = [
    '---',
    'owner: insights',
    'last_reviewed: 2026-11-29',
    '---',
    '',
    '# Metric catalog',
    '',
    '<!-- Generated from packages/db/src/insights/catalog.ts by `node packages/db/src/insights/render-catalog.ts`. Do not edit by hand. -->',
    '',
    'One definition per metric: what it means, the SQL that defines it over the base tables, its grain, the',
    'team that owns it, and where the API serves it. How to read and extend it: [insights](insights.md).',
    `Calendar buckets are in ${INSIGHTS_TIME_ZONE} time; relative windows end at the anchor, the newest app event.`,
    '',
    '## Metrics',
    '',
    '| Metric | Title | Grain | Unit | Owner | Served from |',
    '|---|---|---|---|---|---|',
    ...metricCatalog.map(
      (m) =>
        `| \`${m.name}\` | ${cell(m.title)} | ${cell(m.grain)} | ${m.unit} | ${m.owner} | \`${m.source.view}.${m.source.column}\` |`,
    ),
    '',
  ];
  for (const m of metricCatalog) {
    lines.push(`### ${m.name}`, '', m.meaning, '', '```sql', m.sql, '```', '');
  }
  lines.push(
    '## Analyses (materialized views, in refresh order)',
    '',
    '| View | Answers | Grain | Owner | k-anonymity |',
    '|---|---|---|---|---|',
    ...insightsViews.map(
      (v) =>
        `| \`${v.view}\` | ${cell(v.question)} | ${cell(v.grain)} | ${v.owner} | ${v.patientGroups ? 'rows count patients' : 'clinic-level only'} |`,
    ),
    '',
    '## Health score components',
    '',
    '| Component | Weight | Rule |',
    '|---|---:|---|',
    ...healthComponents.map((c) => `| \`${c.name}\` | ${c.weight.toFixed(2)} | ${cell(c.rule)} |`),
    '',
    `A component below ${HEALTH_REASON_BELOW} is listed as a reason. A clinic is at risk when its score is below`,
    `${AT_RISK_SCORE_BELOW} or fell by ${AT_RISK_DROP_OF} points or more against the previous 28 days.`,
    '',
    '## Thresholds',
    '',
    `- k-anonymity: groups with fewer than ${DEFAULT_MIN_PATIENTS_PER_GROUP} patients are suppressed (\`INSIGHTS_MIN_PATIENTS_PER_GROUP\`).`,
    `- Correlations: \`weak\` when |r| < ${CORRELATION_WEAK_BELOW}, \`small_n\` when n < ${CORRELATION_SMALL_N_BELOW}, \`not_significant\` when p ≥ ${CORRELATION_ALPHA}.`,
    '',
  );
  const options = await resolveConfig(METRIC_CATALOG_PAGE);
  return format(lines.join('\n'), { ...options, parser: 'markdown' });
}

if (import.meta.main) {
  writeFileSync(METRIC_CATALOG_PAGE, await renderMetricCatalog());
  process.stdout.write(`wrote ${METRIC_CATALOG_PAGE}\n`);
}
