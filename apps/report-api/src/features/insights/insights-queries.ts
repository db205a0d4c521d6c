// Reads of the insights materialized views (packages/db/migrations/004). Each function returns API rows:
// camelCase, numbers as numbers, dates as YYYY-MM-DD, and the k-anonymity rule applied where rows count
// patients. `companyId` set means clinic scope: only that clinic's rows, from its per-clinic view.
import type pg from 'pg';
import { HEALTH_REASON_BELOW, AT_RISK_DROP_OF, AT_RISK_SCORE_BELOW, metricCatalog } from '@repo/db';
import type { HealthQuery, HealthRow, InsightsRangeQuery, NoShowRow } from '@repo/contract';
import { correlationFlags, correlationPValue, oddsRatioSummary } from './statistics.ts';

export interface Scope {
  /** null: every clinic (internal roles). */
  companyId: string | null;
  minPatients: number;
}

export interface Rows<Row> {
  rows: Row[];
  suppressed: number;
}

const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
const int = (value: unknown): number => Number(value ?? 0);

const rangeParams = (q: Pick<InsightsRangeQuery, 'from' | 'to'>): (string | null)[] => [
  q.from ?? null,
  q.to ?? null,
];

export function metricRows() {
  return metricCatalog.map((m) => ({
    name: m.name,
    title: m.title,
    meaning: m.meaning,
    grain: m.grain,
    owner: m.owner,
    unit: m.unit,
    view: m.source.view,
    column: m.source.column,
    sql: m.sql,
  }));
}

export async function kpiRows(pool: pg.Pool, scope: Scope, q: InsightsRangeQuery) {
  const { rows } = await pool.query<Record<string, unknown>>(
    `SELECT month::text, plan, active_clinics_daily, active_clinics_weekly, active_clinics_monthly, stickiness,
            reports_created, reports_downloaded, appointments, no_show_rate, median_lead_days,
            revenue_cents::float8 AS revenue_cents, churned_clinics, patients_lower_bound
     FROM insights_kpis_monthly
     WHERE plan = $1 AND ($2::date IS NULL OR month >= date_trunc('month', $2::date))
       AND ($3::date IS NULL OR month <= $3::date)
     ORDER BY month`,
    [q.plan, ...rangeParams(q)],
  );
  let suppressed = 0;
  const out = rows.map((r) => {
    // Patient-derived measures hide behind the k rule; usage counts are about clinics, not patients.
    const hide = int(r.patients_lower_bound) < scope.minPatients;
    if (hide) suppressed++;
    return {
      month: String(r.month),
      plan: String(r.plan),
      activeClinicsDaily: int(r.active_clinics_daily),
      activeClinicsWeekly: int(r.active_clinics_weekly),
      activeClinicsMonthly: int(r.active_clinics_monthly),
      stickiness: num(r.stickiness),
      reportsCreated: int(r.reports_created),
      reportsDownloaded: int(r.reports_downloaded),
      appointments: hide ? null : int(r.appointments),
      noShowRate: hide ? null : num(r.no_show_rate),
      medianLeadDays: hide ? null : num(r.median_lead_days),
      revenueCents: hide ? null : int(r.revenue_cents),
      churnedClinics: int(r.churned_clinics),
      suppressed: hide,
    };
  });
  return { rows: out, suppressed };
}

export async function featureAdoptionRows(pool: pg.Pool, q: InsightsRangeQuery) {
  const { rows } = await pool.query<Record<string, unknown>>(
    `SELECT f.month::text, f.plan, f.action, f.clinics, COALESCE(k.active_clinics_monthly, 0) AS active_clinics
     FROM insights_feature_adoption f
     LEFT JOIN insights_kpis_monthly k ON k.month = f.month AND k.plan = f.plan
     WHERE f.plan = $1 AND ($2::date IS NULL OR f.month >= date_trunc('month', $2::date))
       AND ($3::date IS NULL OR f.month <= $3::date)
     ORDER BY f.month, f.clinics DESC, f.action`,
    [q.plan, ...rangeParams(q)],
  );
  return {
    rows: rows.map((r) => ({
      month: String(r.month),
      plan: String(r.plan),
      action: String(r.action),
      clinics: int(r.clinics),
      activeClinics: int(r.active_clinics),
      adoption: int(r.active_clinics) > 0 ? int(r.clinics) / int(r.active_clinics) : null,
    })),
    suppressed: 0,
  };
}

export async function lifecycleRows(pool: pg.Pool, scope: Scope, q: InsightsRangeQuery) {
  const { rows } =
    scope.companyId === null
      ? await pool.query<Record<string, unknown>>(
          `SELECT week::text, plan, "new", "returning", resurrecting, dormant FROM insights_lifecycle_weekly
           WHERE plan = $1 AND ($2::date IS NULL OR week >= $2::date - 6) AND ($3::date IS NULL OR week <= $3::date)
           ORDER BY week`,
          [q.plan, ...rangeParams(q)],
        )
      : await pool.query<Record<string, unknown>>(
          `SELECT l.week::text, c.plan, (l.state = 'new')::int AS new, (l.state = 'returning')::int AS returning,
                  (l.state = 'resurrecting')::int AS resurrecting, (l.state = 'dormant')::int AS dormant
           FROM insights_lifecycle_company l JOIN companies c ON c.id = l.company_id
           WHERE l.company_id = $1 AND ($2::date IS NULL OR l.week >= $2::date - 6)
             AND ($3::date IS NULL OR l.week <= $3::date)
           ORDER BY l.week`,
          [scope.companyId, ...rangeParams(q)],
        );
  return {
    rows: rows.map((r) => ({
      week: String(r.week),
      plan: String(r.plan),
      new: int(r.new),
      returning: int(r.returning),
      resurrecting: int(r.resurrecting),
      dormant: int(r.dormant),
    })),
    suppressed: 0,
  };
}

export async function retentionRows(pool: pg.Pool, q: InsightsRangeQuery) {
  const { rows } = await pool.query<Record<string, unknown>>(
    `SELECT cohort_month::text, plan, months_since, cohort_size, active_clinics FROM insights_retention
     WHERE plan = $1
       AND cohort_month >= COALESCE(date_trunc('month', $2::date),
                                    (SELECT date_trunc('month', anchor_at) - interval '23 months' FROM insights_anchor))
       AND ($3::date IS NULL OR cohort_month <= $3::date)
     ORDER BY cohort_month, months_since`,
    [q.plan, ...rangeParams(q)],
  );
  return {
    rows: rows.map((r) => ({
      cohortMonth: String(r.cohort_month),
      plan: String(r.plan),
      monthsSince: int(r.months_since),
      cohortSize: int(r.cohort_size),
      activeClinics: int(r.active_clinics),
      retention: int(r.cohort_size) > 0 ? int(r.active_clinics) / int(r.cohort_size) : 0,
    })),
    suppressed: 0,
  };
}

export async function funnelRows(pool: pg.Pool, scope: Scope, q: InsightsRangeQuery) {
  const { rows } =
    scope.companyId === null
      ? await pool.query<Record<string, unknown>>(
          `SELECT month::text, plan, signed_in, created_report, downloaded, median_minutes_to_report,
                  median_minutes_to_download
           FROM insights_funnel
           WHERE plan = $1 AND ($2::date IS NULL OR month >= date_trunc('month', $2::date))
             AND ($3::date IS NULL OR month <= $3::date)
           ORDER BY month`,
          [q.plan, ...rangeParams(q)],
        )
      : await pool.query<Record<string, unknown>>(
          `SELECT f.month::text, c.plan, 1 AS signed_in, (f.t2 IS NOT NULL)::int AS created_report,
                  (f.t3 IS NOT NULL)::int AS downloaded,
                  extract(epoch FROM f.t2 - f.t1)::float8 / 60 AS median_minutes_to_report,
                  extract(epoch FROM f.t3 - f.t2)::float8 / 60 AS median_minutes_to_download
           FROM insights_funnel_company f JOIN companies c ON c.id = f.company_id
           WHERE f.company_id = $1 AND ($2::date IS NULL OR f.month >= date_trunc('month', $2::date))
             AND ($3::date IS NULL OR f.month <= $3::date)
           ORDER BY f.month`,
          [scope.companyId, ...rangeParams(q)],
        );
  return {
    rows: rows.map((r) => {
      const signedIn = int(r.signed_in);
      const created = int(r.created_report);
      const downloaded = int(r.downloaded);
      return {
        month: String(r.month),
        plan: String(r.plan),
        signedIn,
        createdReport: created,
        downloaded,
        signInToReport: signedIn > 0 ? created / signedIn : null,
        reportToDownload: created > 0 ? downloaded / created : null,
        medianMinutesToReport: num(r.median_minutes_to_report),
        medianMinutesToDownload: num(r.median_minutes_to_download),
      };
    }),
    suppressed: 0,
  };
}

export async function correlationRows(pool: pg.Pool, outcome: string | undefined) {
  const { rows } = await pool.query<Record<string, unknown>>(
    `SELECT x, y, n, pearson_r, spearman_rho, slope, r2, pearson_ci_low, pearson_ci_high, spearman_ci_low,
            spearman_ci_high
     FROM insights_correlations WHERE ($1::text IS NULL OR y = $1) ORDER BY y, x`,
    [outcome ?? null],
  );
  return {
    rows: rows.map((r) => {
      const n = int(r.n);
      const pearsonR = num(r.pearson_r);
      const pValue = correlationPValue(pearsonR, n);
      return {
        x: String(r.x),
        y: String(r.y),
        n,
        pearsonR,
        pearsonCiLow: num(r.pearson_ci_low),
        pearsonCiHigh: num(r.pearson_ci_high),
        pValue,
        spearmanRho: num(r.spearman_rho),
        spearmanCiLow: num(r.spearman_ci_low),
        spearmanCiHigh: num(r.spearman_ci_high),
        slope: num(r.slope),
        r2: num(r.r2),
        flags: correlationFlags(pearsonR, n, pValue),
      };
    }),
    suppressed: 0,
  };
}

export async function churnDriverRows(pool: pg.Pool) {
  const { rows } = await pool.query<Record<string, unknown>>(
    `SELECT driver, n, exposed_churned, exposed_retained, unexposed_churned, unexposed_retained, odds_ratio, log_or_se
     FROM insights_churn_drivers ORDER BY abs(ln(odds_ratio)) DESC, driver`,
  );
  return {
    rows: rows.map((r) => {
      const oddsRatio = Number(r.odds_ratio);
      const n = int(r.n);
      return {
        driver: String(r.driver),
        n,
        exposedChurned: int(r.exposed_churned),
        exposedRetained: int(r.exposed_retained),
        unexposedChurned: int(r.unexposed_churned),
        unexposedRetained: int(r.unexposed_retained),
        oddsRatio,
        ...oddsRatioSummary(oddsRatio, Number(r.log_or_se), n),
      };
    }),
    suppressed: 0,
  };
}

const BUCKET_ORDER = [
  '0',
  '1-2',
  '3-7',
  '8-15',
  '16-30',
  '31+',
  'mon',
  'tue',
  'wed',
  'thu',
  'fri',
  'sat',
  'sun',
  '0-12',
  '13-19',
  '20-39',
  '40-59',
  '60+',
  'unknown',
  'yes',
  'no',
];

export async function noShowRows(
  pool: pg.Pool,
  scope: Scope,
  q: { period: NoShowRow['period']; plan: string; factor?: NoShowRow['factor'] | undefined },
): Promise<Rows<NoShowRow>> {
  const { rows } =
    scope.companyId === null
      ? await pool.query<Record<string, unknown>>(
          `SELECT period, plan, factor, bucket, appointments, no_shows, patients FROM insights_noshow
           WHERE period = $1 AND plan = $2 AND ($3::text IS NULL OR factor = $3)
           ORDER BY factor, array_position($4::text[], split_part(bucket, '/', 1)), bucket`,
          [q.period, q.plan, q.factor ?? null, BUCKET_ORDER],
        )
      : await pool.query<Record<string, unknown>>(
          `SELECT n.period, c.plan, n.factor, n.bucket, n.appointments, n.no_shows, n.patients
           FROM insights_noshow_company n JOIN companies c ON c.id = n.company_id
           WHERE n.company_id = $1 AND n.period = $2 AND ($3::text IS NULL OR n.factor = $3)
           ORDER BY n.factor, array_position($4::text[], split_part(n.bucket, '/', 1)), n.bucket`,
          [scope.companyId, q.period, q.factor ?? null, BUCKET_ORDER],
        );
  let suppressed = 0;
  const out = rows.map((r): NoShowRow => {
    const hide = int(r.patients) < scope.minPatients;
    if (hide) suppressed++;
    const appointments = int(r.appointments);
    return {
      period: r.period as NoShowRow['period'],
      plan: String(r.plan),
      factor: r.factor as NoShowRow['factor'],
      bucket: String(r.bucket),
      appointments: hide ? null : appointments,
      noShows: hide ? null : int(r.no_shows),
      noShowRate: hide || appointments === 0 ? null : int(r.no_shows) / appointments,
      patients: hide ? null : int(r.patients),
      suppressed: hide,
    };
  });
  return { rows: out, suppressed };
}

// The score a reader sees: without the attendance component when the clinic has fewer than k patients.
const EFFECTIVE = `CASE WHEN patients >= $1 THEN score ELSE score_without_patient_data END`;
const EFFECTIVE_PREVIOUS = `CASE WHEN previous_patients >= $1 THEN previous_score ELSE previous_score_without_patient_data END`;

export async function healthRows(pool: pg.Pool, scope: Scope, q: HealthQuery): Promise<Rows<HealthRow>> {
  const { rows } = await pool.query<Record<string, unknown>>(
    `SELECT * FROM (
       SELECT company_id, name, plan, status, patients, no_show_rate, activity, breadth, reports, volume_trend,
              attendance, ${EFFECTIVE} AS effective_score, ${EFFECTIVE_PREVIOUS} AS effective_previous
       FROM insights_health
       WHERE ($2::bigint IS NULL OR company_id = $2) AND ($3 = 'all' OR plan = $3) AND ($4 = 'any' OR status = $4)
     ) h
     WHERE $5::boolean IS NULL
        OR $5 = (effective_score < ${AT_RISK_SCORE_BELOW} OR effective_score - effective_previous <= -${AT_RISK_DROP_OF})
     ORDER BY effective_score, company_id
     LIMIT $6 OFFSET $7`,
    [
      scope.minPatients,
      scope.companyId,
      q.plan,
      scope.companyId === null ? q.status : 'any',
      q.atRisk ?? null,
      q.limit,
      q.offset,
    ],
  );
  let suppressed = 0;
  const out = rows.map((r): HealthRow => {
    const hide = int(r.patients) < scope.minPatients;
    if (hide) suppressed++;
    const score = int(r.effective_score);
    const previousScore = int(r.effective_previous);
    const components = {
      activity: int(r.activity),
      breadth: int(r.breadth),
      reports: int(r.reports),
      volume_trend: int(r.volume_trend),
      attendance: hide ? null : num(r.attendance),
    };
    const reasons = Object.entries(components)
      .filter(
        (entry): entry is [HealthRow['reasons'][number], number] =>
          entry[1] !== null && entry[1] < HEALTH_REASON_BELOW,
      )
      .sort((a, b) => a[1] - b[1])
      .map(([name]) => name);
    return {
      companyId: String(r.company_id),
      name: String(r.name),
      plan: String(r.plan),
      status: r.status as HealthRow['status'],
      score,
      previousScore,
      trend: score - previousScore,
      atRisk: score < AT_RISK_SCORE_BELOW || score - previousScore <= -AT_RISK_DROP_OF,
      reasons,
      activity: components.activity,
      breadth: components.breadth,
      reports: components.reports,
      volumeTrend: components.volume_trend,
      attendance: components.attendance,
      noShowRate: hide ? null : num(r.no_show_rate),
      patients: hide ? null : int(r.patients),
      suppressed: hide,
    };
  });
  return { rows: out, suppressed };
}
