// The sections of the insights page. Each is one endpoint (see docs/reference/insights.md): a chart from
// recharts where a shape matters, and the table behind it, which is what the CSV download contains.
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
          <table>
            <thead>
              <tr>
                <th scope="col">{m.columns.month}</th>
                <th scope="col">{m.columns.activeClinicsMonthly}</th>
                <th scope="col">{m.columns.stickiness}</th>
                <th scope="col">{m.columns.reportsCreated}</th>
                <th scope="col">{m.columns.appointments}</th>
                <th scope="col">{m.columns.noShowRate}</th>
                <th scope="col">{m.columns.revenueCents}</th>
                <th scope="col">{m.columns.churnedClinics}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.month}>
                  <td>{r.month}</td>
                  <td>{r.activeClinicsMonthly}</td>
                  <td>{percent(r.stickiness, locale)}</td>
                  <td>{r.reportsCreated}</td>
                  <td>{r.appointments ?? '–'}</td>
                  <td>{percent(r.noShowRate, locale)}</td>
                  <td>{r.revenueCents === null ? '–' : formatMoney(r.revenueCents / 100, locale)}</td>
                  <td>{r.churnedClinics}</td>
                </tr>
              ))}
            </tbody>
          </table>
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
          <table>
            <thead>
              <tr>
                <th scope="col">{m.columns.week}</th>
                <th scope="col">{m.columns.new}</th>
                <th scope="col">{m.columns.returning}</th>
                <th scope="col">{m.columns.resurrecting}</th>
                <th scope="col">{m.columns.dormant}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.week}>
                  <td>{r.week}</td>
                  <td>{r.new}</td>
                  <td>{r.returning}</td>
                  <td>{r.resurrecting}</td>
                  <td>{r.dormant}</td>
                </tr>
              ))}
            </tbody>
          </table>
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
          <table className="cohort-matrix">
            <thead>
              <tr>
                <th scope="col">{m.columns.cohortMonth}</th>
                <th scope="col">{m.columns.cohortSize}</th>
                {offsets.map((o) => (
                  <th scope="col" key={o}>
                    +{o}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {cohorts.map((c) => (
                <tr key={c}>
                  <th scope="row">{c}</th>
                  <td>{cell.get(`${c}/0`)?.cohortSize ?? 0}</td>
                  {offsets.map((o) => {
                    const value = cell.get(`${c}/${o}`);
                    return <td key={o}>{value ? percent(value.retention, locale) : ''}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
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
          <table>
            <thead>
              <tr>
                <th scope="col">{m.columns.month}</th>
                <th scope="col">{m.columns.signedIn}</th>
                <th scope="col">{m.columns.createdReport}</th>
                <th scope="col">{m.columns.downloaded}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.month}>
                  <td>{r.month}</td>
                  <td>{r.signedIn}</td>
                  <td>
                    {r.createdReport} ({percent(r.signInToReport, locale)})
                  </td>
                  <td>
                    {r.downloaded} ({percent(r.reportToDownload, locale)})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </InsightPanel>
  );
}

export function CorrelationsSection() {
  const { m, locale } = useInsightsMessages();
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
          <table>
            <thead>
              <tr>
                <th scope="col">{m.columns.x}</th>
                <th scope="col">{m.columns.y}</th>
                <th scope="col">{m.columns.n}</th>
                <th scope="col">{m.columns.pearsonR}</th>
                <th scope="col">{m.columns.ci}</th>
                <th scope="col">{m.columns.pValue}</th>
                <th scope="col">{m.columns.spearmanRho}</th>
                <th scope="col">{m.columns.flags}</th>
              </tr>
            </thead>
            <tbody>
              {rows
                .filter((r) => r.y === 'churned' || r.y === 'growth')
                .map((r) => (
                  <tr key={`${r.x}/${r.y}`} className={r.flags.length > 0 ? 'flagged' : undefined}>
                    <td>{r.x}</td>
                    <td>{r.y}</td>
                    <td>{r.n}</td>
                    <td>{decimal(r.pearsonR, locale)}</td>
                    <td>
                      {decimal(r.pearsonCiLow, locale)} … {decimal(r.pearsonCiHigh, locale)}
                    </td>
                    <td>{decimal(r.pValue, locale, 3)}</td>
                    <td>{decimal(r.spearmanRho, locale)}</td>
                    <td>{r.flags.map((f) => m.flags[f]).join(', ')}</td>
                  </tr>
                ))}
            </tbody>
          </table>
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
          <table>
            <thead>
              <tr>
                <th scope="col">{m.columns.driver}</th>
                <th scope="col">{m.columns.oddsRatio}</th>
                <th scope="col">{m.columns.ci}</th>
                <th scope="col">{m.columns.n}</th>
                <th scope="col">{m.columns.flags}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.driver}>
                  <td>{r.driver}</td>
                  <td>{decimal(r.oddsRatio, locale)}</td>
                  <td>
                    {decimal(r.ciLow, locale)} … {decimal(r.ciHigh, locale)}
                  </td>
                  <td>{r.n}</td>
                  <td>{r.flags.map((f) => m.flags[f]).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
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
          <table>
            <thead>
              <tr>
                <th scope="col">{m.columns.factor}</th>
                <th scope="col">{m.columns.bucket}</th>
                <th scope="col">{m.columns.appointments}</th>
                <th scope="col">{m.columns.noShowRate}</th>
                <th scope="col">{m.columns.patients}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.factor}/${r.bucket}`}>
                  <td>{m.factors[r.factor]}</td>
                  <td>{r.bucket}</td>
                  {r.suppressed ? (
                    <td colSpan={3}>
                      <Suppressed k={meta.minPatientsPerGroup} />
                    </td>
                  ) : (
                    <>
                      <td>{r.appointments}</td>
                      <td>{percent(r.noShowRate, locale)}</td>
                      <td>{r.patients}</td>
                    </>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
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
        <table>
          <thead>
            <tr>
              <th scope="col">{m.columns.clinic}</th>
              <th scope="col">{m.columns.score}</th>
              <th scope="col">{m.columns.trend}</th>
              <th scope="col">{m.columns.reasons}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.companyId}>
                <td>{r.name}</td>
                <td>
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
                </td>
                <td>{r.trend > 0 ? `+${r.trend}` : r.trend}</td>
                <td>{r.reasons.map((reason) => m.reasons[reason]).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </InsightPanel>
  );
}
