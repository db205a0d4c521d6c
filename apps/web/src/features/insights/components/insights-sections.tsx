// The sections of the insights page. Each is one endpoint (see docs/reference/insights.md): a chart from
// recharts where a shape matters, and the table behind it (a DataTable described by its columns), which is
// what the CSV download contains.
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import {
  churnDriversResponseSchema,
  correlationsResponseSchema,
  funnelResponseSchema,
  healthResponseSchema,
  kpisResponseSchema,
  lifecycleResponseSchema,
  noShowResponseSchema,
  retentionResponseSchema,
} from '@repo/contract';
import type { InsightQuery } from '@repo/api-client';
import { formatMoney } from '../../../shared/i18n/format.ts';
import { useInsightsMessages } from '../messages.ts';
import { DataTable } from './data-table.tsx';
import { decimal, InsightPanel, percent, Suppressed } from './insight-panel.tsx';

const CHART = { width: 720, height: 260 };

export function OverviewSection({ query }: { query: InsightQuery }) {
  const { m, locale } = useInsightsMessages();
  return (
    <InsightPanel
      name="kpis"
      query={query}
      schema={kpisResponseSchema}
      title={m.sections.overview}
      question={m.questions.overview}
    >
      {(rows) => (
        <>
          <LineChart {...CHART} data={rows} accessibilityLayer>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="month" />
            <YAxis />
            <Tooltip />
            <Legend />
            <Line dataKey="activeClinicsMonthly" name={m.columns.activeClinicsMonthly} stroke="#2563eb" />
            <Line dataKey="activeClinicsWeekly" name={m.columns.activeClinicsWeekly} stroke="#16a34a" />
            <Line dataKey="activeClinicsDaily" name={m.columns.activeClinicsDaily} stroke="#9333ea" />
          </LineChart>
          <DataTable
            rows={rows}
            rowKey={(r) => r.month}
            columns={[
              { header: m.columns.month, cell: (r) => r.month },
              { header: m.columns.activeClinicsMonthly, cell: (r) => r.activeClinicsMonthly },
              { header: m.columns.stickiness, cell: (r) => percent(r.stickiness, locale) },
              { header: m.columns.reportsCreated, cell: (r) => r.reportsCreated },
              { header: m.columns.appointments, cell: (r) => r.appointments ?? '–' },
              { header: m.columns.noShowRate, cell: (r) => percent(r.noShowRate, locale) },
              {
                header: m.columns.revenueCents,
                cell: (r) => (r.revenueCents === null ? '–' : formatMoney(r.revenueCents / 100, locale)),
              },
              { header: m.columns.churnedClinics, cell: (r) => r.churnedClinics },
            ]}
          />
        </>
      )}
    </InsightPanel>
  );
}

export function LifecycleSection({ query }: { query: InsightQuery }) {
  const { m } = useInsightsMessages();
  return (
    <InsightPanel
      name="lifecycle"
      query={query}
      schema={lifecycleResponseSchema}
      title={m.sections.lifecycle}
      question={m.questions.lifecycle}
    >
      {(rows) => (
        <>
          <BarChart
            {...CHART}
            data={rows.map((r) => ({ ...r, dormant: -r.dormant }))}
            stackOffset="sign"
            accessibilityLayer
          >
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="week" />
            <YAxis />
            <Tooltip />
            <Legend />
            <Bar dataKey="new" name={m.columns.new} stackId="a" fill="#2563eb" />
            <Bar dataKey="returning" name={m.columns.returning} stackId="a" fill="#16a34a" />
            <Bar dataKey="resurrecting" name={m.columns.resurrecting} stackId="a" fill="#f59e0b" />
            <Bar dataKey="dormant" name={m.columns.dormant} stackId="a" fill="#dc2626" />
          </BarChart>
          <DataTable
            rows={rows}
            rowKey={(r) => r.week}
            columns={[
              { header: m.columns.week, cell: (r) => r.week },
              { header: m.columns.new, cell: (r) => r.new },
              { header: m.columns.returning, cell: (r) => r.returning },
              { header: m.columns.resurrecting, cell: (r) => r.resurrecting },
              { header: m.columns.dormant, cell: (r) => r.dormant },
            ]}
          />
        </>
      )}
    </InsightPanel>
  );
}

export function RetentionSection({ query }: { query: InsightQuery }) {
  const { m, locale } = useInsightsMessages();
  return (
    <InsightPanel
      name="retention"
      query={query}
      schema={retentionResponseSchema}
      title={m.sections.retention}
      question={m.questions.retention}
    >
      {(rows) => {
        const cohorts = [...new Set(rows.map((r) => r.cohortMonth))];
        const offsets = [...new Set(rows.map((r) => r.monthsSince))].sort((a, b) => a - b);
        const cell = new Map(rows.map((r) => [`${r.cohortMonth}/${r.monthsSince}`, r]));
        return (
          <DataTable
            className="cohort-matrix"
            rows={cohorts}
            rowKey={(c) => c}
            columns={[
              { header: m.columns.cohortMonth, cell: (c) => c, rowHeader: true },
              { header: m.columns.cohortSize, cell: (c) => cell.get(`${c}/0`)?.cohortSize ?? 0 },
              ...offsets.map((o) => ({
                header: `+${o}`,
                cell: (c: string) => {
                  const value = cell.get(`${c}/${o}`);
                  return value ? percent(value.retention, locale) : '';
                },
              })),
            ]}
          />
        );
      }}
    </InsightPanel>
  );
}

export function FunnelSection({ query }: { query: InsightQuery }) {
  const { m, locale } = useInsightsMessages();
  return (
    <InsightPanel
      name="funnel"
      query={query}
      schema={funnelResponseSchema}
      title={m.sections.funnel}
      question={m.questions.funnel}
    >
      {(rows) => (
        <>
          <BarChart {...CHART} data={rows} accessibilityLayer>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="month" />
            <YAxis />
            <Tooltip />
            <Legend />
            <Bar dataKey="signedIn" name={m.columns.signedIn} fill="#2563eb" />
            <Bar dataKey="createdReport" name={m.columns.createdReport} fill="#16a34a" />
            <Bar dataKey="downloaded" name={m.columns.downloaded} fill="#9333ea" />
          </BarChart>
          <DataTable
            rows={rows}
            rowKey={(r) => r.month}
            columns={[
              { header: m.columns.month, cell: (r) => r.month },
              { header: m.columns.signedIn, cell: (r) => r.signedIn },
              {
                header: m.columns.createdReport,
                cell: (r) => `${r.createdReport} (${percent(r.signInToReport, locale)})`,
              },
              {
                header: m.columns.downloaded,
                cell: (r) => `${r.downloaded} (${percent(r.reportToDownload, locale)})`,
              },
            ]}
          />
        </>
      )}
    </InsightPanel>
  );
}

export function CorrelationsSection() {
  const { m, locale } = useInsightsMessages();
  const interval = (low: number | null, high: number | null) =>
    `${decimal(low, locale)} … ${decimal(high, locale)}`;
  const flags = (list: readonly (keyof typeof m.flags)[]) => list.map((f) => m.flags[f]).join(', ');
  return (
    <>
      <InsightPanel
        name="correlations"
        query={{}}
        schema={correlationsResponseSchema}
        title={m.sections.correlations}
        question={m.questions.correlations}
      >
        {(rows) => (
          <DataTable
            rows={rows.filter((r) => r.y === 'churned' || r.y === 'growth')}
            rowKey={(r) => `${r.x}/${r.y}`}
            rowClassName={(r) => (r.flags.length > 0 ? 'flagged' : undefined)}
            columns={[
              { header: m.columns.x, cell: (r) => r.x },
              { header: m.columns.y, cell: (r) => r.y },
              { header: m.columns.n, cell: (r) => r.n },
              { header: m.columns.pearsonR, cell: (r) => decimal(r.pearsonR, locale) },
              { header: m.columns.ci, cell: (r) => interval(r.pearsonCiLow, r.pearsonCiHigh) },
              { header: m.columns.pValue, cell: (r) => decimal(r.pValue, locale, 3) },
              { header: m.columns.spearmanRho, cell: (r) => decimal(r.spearmanRho, locale) },
              { header: m.columns.flags, cell: (r) => flags(r.flags) },
            ]}
          />
        )}
      </InsightPanel>
      <InsightPanel
        name="churn-drivers"
        query={{}}
        schema={churnDriversResponseSchema}
        title={m.columns.oddsRatio}
        question={m.questions.churnDrivers}
      >
        {(rows) => (
          <DataTable
            rows={rows}
            rowKey={(r) => r.driver}
            columns={[
              { header: m.columns.driver, cell: (r) => r.driver },
              { header: m.columns.oddsRatio, cell: (r) => decimal(r.oddsRatio, locale) },
              { header: m.columns.ci, cell: (r) => interval(r.ciLow, r.ciHigh) },
              { header: m.columns.n, cell: (r) => r.n },
              { header: m.columns.flags, cell: (r) => flags(r.flags) },
            ]}
          />
        )}
      </InsightPanel>
    </>
  );
}

export function NoShowSection({ query }: { query: InsightQuery }) {
  const { m, locale } = useInsightsMessages();
  return (
    <InsightPanel
      name="no-show"
      query={query}
      schema={noShowResponseSchema}
      title={m.sections.noShow}
      question={m.questions.noShow}
    >
      {(rows, meta) => (
        <>
          {(['lead_time', 'weekday', 'age_group', 'reminder'] as const).map((factor) => {
            const data = rows.filter((r) => r.factor === factor);
            if (data.length === 0) return null;
            return (
              <figure key={factor}>
                <figcaption>{m.factors[factor]}</figcaption>
                <BarChart width={360} height={200} data={data} accessibilityLayer>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="bucket" />
                  <YAxis tickFormatter={(v: number) => percent(v, locale)} />
                  <Tooltip />
                  <Bar dataKey="noShowRate" name={m.columns.noShowRate} fill="#dc2626" />
                </BarChart>
              </figure>
            );
          })}
          <DataTable
            rows={rows}
            rowKey={(r) => `${r.factor}/${r.bucket}`}
            columns={[
              { header: m.columns.factor, cell: (r) => m.factors[r.factor] },
              { header: m.columns.bucket, cell: (r) => r.bucket },
              {
                header: m.columns.appointments,
                // A hidden group shows one note across its three numbers.
                colSpan: (r) => (r.suppressed ? 3 : undefined),
                cell: (r) => (r.suppressed ? <Suppressed k={meta.minPatientsPerGroup} /> : r.appointments),
              },
              { header: m.columns.noShowRate, cell: (r) => percent(r.noShowRate, locale) },
              { header: m.columns.patients, cell: (r) => r.patients },
            ]}
          />
        </>
      )}
    </InsightPanel>
  );
}

export function HealthSection({ query }: { query: InsightQuery }) {
  const { m } = useInsightsMessages();
  return (
    <InsightPanel
      name="health"
      query={{ ...query, limit: 200 }}
      schema={healthResponseSchema}
      title={m.sections.health}
      question={m.questions.health}
    >
      {(rows) => (
        <DataTable
          rows={rows}
          rowKey={(r) => r.companyId}
          columns={[
            { header: m.columns.clinic, cell: (r) => r.name },
            {
              header: m.columns.score,
              cell: (r) => (
                <>
                  <meter
                    min={0}
                    max={100}
                    low={50}
                    high={75}
                    optimum={100}
                    value={r.score}
                    aria-label={`${m.columns.score} ${r.score}`}
                  />{' '}
                  {r.score}
                </>
              ),
            },
            { header: m.columns.trend, cell: (r) => (r.trend > 0 ? `+${r.trend}` : r.trend) },
            {
              header: m.columns.reasons,
              cell: (r) => r.reasons.map((reason) => m.reasons[reason]).join(', '),
            },
          ]}
        />
      )}
    </InsightPanel>
  );
}
