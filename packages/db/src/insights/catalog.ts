// The metric catalog: one definition per metric (name, meaning, SQL over the base tables, grain, owning
// team) and the list of analyses (materialized views). docs/reference/metric-catalog.md is rendered from
// this file by render-catalog.ts; a test fails when the page is stale or when a definition does not run.

export type Team = 'product' | 'customer-success' | 'data';

export interface MetricDefinition {
  /** Stable identifier, snake_case; also the column or measure name where the metric is served. */
  name: string;
  title: string;
  /** What the number means, in one or two sentences a Product or CS reader understands. */
  meaning: string;
  /** The grain the metric is computed at, e.g. "month × plan". */
  grain: string;
  owner: Team;
  unit: 'clinics' | 'ratio' | 'count' | 'days' | 'cents' | 'percent';
  /** Where the API serves it: a materialized view and column. */
  source: { view: string; column: string };
  /** Reference definition over the base tables; runs as written (tested). */
  sql: string;
}

/** Calendar buckets are in clinic time; every relative window ends at the anchor (the newest app event). */
export const INSIGHTS_TIME_ZONE = 'America/Sao_Paulo';

export const metricCatalog: readonly MetricDefinition[] = [
  {
    name: 'active_clinics_daily',
    title: 'Active clinics (daily, averaged per month)',
    meaning:
      'Clinics with at least one app event on a day, averaged over the days of the month (DAU of clinics).',
    grain: 'month × plan',
    owner: 'product',
    unit: 'clinics',
    source: { view: 'insights_kpis_monthly', column: 'active_clinics_daily' },
    sql: `SELECT month, avg(clinics) AS active_clinics_daily FROM (
  SELECT date_trunc('month', day)::date AS month, day, count(*) AS clinics FROM (
    SELECT DISTINCT company_id, (occurred_at AT TIME ZONE 'America/Sao_Paulo')::date AS day FROM app_events
  ) d GROUP BY 1, 2
) m GROUP BY month ORDER BY month`,
  },
  {
    name: 'active_clinics_weekly',
    title: 'Active clinics (weekly, averaged per month)',
    meaning:
      'Clinics with at least one app event in an ISO week, averaged over the weeks starting in the month.',
    grain: 'month × plan',
    owner: 'product',
    unit: 'clinics',
    source: { view: 'insights_kpis_monthly', column: 'active_clinics_weekly' },
    sql: `SELECT date_trunc('month', week)::date AS month, avg(clinics) AS active_clinics_weekly FROM (
  SELECT date_trunc('week', occurred_at AT TIME ZONE 'America/Sao_Paulo')::date AS week,
         count(DISTINCT company_id) AS clinics
  FROM app_events GROUP BY 1
) w GROUP BY 1 ORDER BY 1`,
  },
  {
    name: 'active_clinics_monthly',
    title: 'Active clinics (monthly)',
    meaning: 'Clinics with at least one app event in a week that starts in the month (MAU of clinics).',
    grain: 'month × plan',
    owner: 'product',
    unit: 'clinics',
    source: { view: 'insights_kpis_monthly', column: 'active_clinics_monthly' },
    sql: `SELECT date_trunc('month', date_trunc('week', occurred_at AT TIME ZONE 'America/Sao_Paulo'))::date AS month,
       count(DISTINCT company_id) AS active_clinics_monthly
FROM app_events GROUP BY 1 ORDER BY 1`,
  },
  {
    name: 'stickiness',
    title: 'Stickiness',
    meaning:
      'Average daily active clinics divided by monthly active clinics: the share of the month an active clinic uses the product (0.25 ≈ 7-8 days a month).',
    grain: 'month × plan',
    owner: 'product',
    unit: 'ratio',
    source: { view: 'insights_kpis_monthly', column: 'stickiness' },
    sql: `SELECT month, active_clinics_daily / NULLIF(active_clinics_monthly, 0) AS stickiness
FROM insights_kpis_monthly WHERE plan = 'all' ORDER BY month`,
  },
  {
    name: 'feature_adoption',
    title: 'Feature adoption per action',
    meaning:
      'For each app action, the clinics that used it at least once in the month; divided by active clinics it is the adoption rate.',
    grain: 'month × plan × action',
    owner: 'product',
    unit: 'clinics',
    source: { view: 'insights_feature_adoption', column: 'clinics' },
    sql: `SELECT date_trunc('month', occurred_at AT TIME ZONE 'America/Sao_Paulo')::date AS month, action,
       count(DISTINCT company_id) AS clinics
FROM app_events GROUP BY 1, 2 ORDER BY 1, 2`,
  },
  {
    name: 'reports_created',
    title: 'Report usage',
    meaning:
      'Reports created (app events whose action is in the report_create category of insights_actions) per month; downloads are reports_downloaded.',
    grain: 'month × plan',
    owner: 'product',
    unit: 'count',
    source: { view: 'insights_kpis_monthly', column: 'reports_created' },
    sql: `SELECT date_trunc('month', date_trunc('week', e.occurred_at AT TIME ZONE 'America/Sao_Paulo'))::date AS month,
       count(*) FILTER (WHERE a.category = 'report_create') AS reports_created,
       count(*) FILTER (WHERE a.category = 'report_download') AS reports_downloaded
FROM app_events e JOIN insights_actions a ON a.action = e.action GROUP BY 1 ORDER BY 1`,
  },
  {
    name: 'appointments',
    title: 'Appointment volume',
    meaning:
      'Appointments that took place (completed or no-show) per month; cancelled and future ones excluded.',
    grain: 'month × plan',
    owner: 'customer-success',
    unit: 'count',
    source: { view: 'insights_kpis_monthly', column: 'appointments' },
    sql: `SELECT date_trunc('month', date_trunc('week', starts_at AT TIME ZONE 'America/Sao_Paulo'))::date AS month,
       count(*) AS appointments
FROM appointments WHERE status IN ('completed', 'no_show') GROUP BY 1 ORDER BY 1`,
  },
  {
    name: 'no_show_rate',
    title: 'No-show rate',
    meaning: 'No-shows divided by appointments that took place (completed + no-show).',
    grain: 'month × plan; also per lead-time bucket, weekday, age group and reminder',
    owner: 'customer-success',
    unit: 'ratio',
    source: { view: 'insights_kpis_monthly', column: 'no_show_rate' },
    sql: `SELECT date_trunc('month', date_trunc('week', starts_at AT TIME ZONE 'America/Sao_Paulo'))::date AS month,
       avg((status = 'no_show')::int) AS no_show_rate
FROM appointments WHERE status IN ('completed', 'no_show') GROUP BY 1 ORDER BY 1`,
  },
  {
    name: 'median_lead_days',
    title: 'Booking lead time',
    meaning:
      'Median days between booking and the appointment start (percentile_cont 0.5), cancelled excluded.',
    grain: 'month × plan',
    owner: 'product',
    unit: 'days',
    source: { view: 'insights_kpis_monthly', column: 'median_lead_days' },
    sql: `SELECT date_trunc('month', starts_at AT TIME ZONE 'America/Sao_Paulo')::date AS month,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM starts_at - booked_at) / 86400) AS median_lead_days
FROM appointments WHERE status <> 'cancelled' GROUP BY 1 ORDER BY 1`,
  },
  {
    name: 'revenue_cents',
    title: 'Revenue',
    meaning:
      'Sum of the price of completed appointments, in cents of BRL (no-shows and cancellations earn 0).',
    grain: 'month × plan',
    owner: 'customer-success',
    unit: 'cents',
    source: { view: 'insights_kpis_monthly', column: 'revenue_cents' },
    sql: `SELECT date_trunc('month', date_trunc('week', starts_at AT TIME ZONE 'America/Sao_Paulo'))::date AS month,
       sum(price_cents) AS revenue_cents
FROM appointments WHERE status = 'completed' GROUP BY 1 ORDER BY 1`,
  },
  {
    name: 'churned_clinics',
    title: 'Churn',
    meaning:
      'Clinics whose subscription ended (companies.churned_at) in the month; divided by the clinics active at the start of the month it is the churn rate.',
    grain: 'month × plan',
    owner: 'customer-success',
    unit: 'clinics',
    source: { view: 'insights_kpis_monthly', column: 'churned_clinics' },
    sql: `SELECT date_trunc('month', churned_at AT TIME ZONE 'America/Sao_Paulo')::date AS month, count(*) AS churned_clinics
FROM companies WHERE churned_at IS NOT NULL GROUP BY 1 ORDER BY 1`,
  },
];

export interface AnalysisDefinition {
  view: string;
  title: string;
  question: string;
  grain: string;
  owner: Team;
  /** True when the rows carry a `patients` count and the k-anonymity rule applies to them. */
  patientGroups: boolean;
}

/** Every materialized view, in refresh order (a view comes after the views it reads). */
export const insightsViews: readonly AnalysisDefinition[] = [
  {
    view: 'insights_anchor',
    title: 'Anchor',
    question: 'Which instant do "last 28 days" and "last 90 days" end at? (the newest app event)',
    grain: 'one row',
    owner: 'data',
    patientGroups: false,
  },
  {
    view: 'insights_clinic_week',
    title: 'Clinic week',
    question: 'How much did each clinic use the product and see patients each week?',
    grain: 'clinic × week',
    owner: 'data',
    patientGroups: true,
  },
  {
    view: 'insights_lifecycle_company',
    title: 'Lifecycle per clinic',
    question: 'Was a clinic new, returning, resurrecting or dormant in a week?',
    grain: 'clinic × week',
    owner: 'customer-success',
    patientGroups: false,
  },
  {
    view: 'insights_lifecycle_weekly',
    title: 'Lifecycle',
    question: 'How many clinics were new, returning, resurrecting or went dormant each week?',
    grain: 'week × plan',
    owner: 'product',
    patientGroups: false,
  },
  {
    view: 'insights_retention',
    title: 'Retention cohorts',
    question: 'Of the clinics that signed up in a month, what share was still active N months later?',
    grain: 'signup month × plan × months since signup',
    owner: 'product',
    patientGroups: false,
  },
  {
    view: 'insights_funnel_company',
    title: 'Funnel per clinic',
    question: 'When did a clinic first sign in, then create a report, then download it, in a month?',
    grain: 'clinic × month',
    owner: 'data',
    patientGroups: false,
  },
  {
    view: 'insights_funnel',
    title: 'Funnel',
    question: 'How many clinics went from sign in to report creation to download each month, and how fast?',
    grain: 'month × plan',
    owner: 'product',
    patientGroups: false,
  },
  {
    view: 'insights_clinic_features',
    title: 'Clinic behaviours and outcomes',
    question: 'Per clinic: usage, volume, no-show and reminder rates before its end, churn and growth.',
    grain: 'clinic',
    owner: 'data',
    patientGroups: true,
  },
  {
    view: 'insights_correlations',
    title: 'Correlations',
    question: 'Which behaviours move together with churn and growth, how strongly, and how sure are we?',
    grain: 'variable × variable',
    owner: 'product',
    patientGroups: false,
  },
  {
    view: 'insights_churn_drivers',
    title: 'Churn drivers',
    question: 'How much higher are the odds of churn for clinics on the risky side of each behaviour?',
    grain: 'driver',
    owner: 'customer-success',
    patientGroups: false,
  },
  {
    view: 'insights_noshow_company',
    title: 'No-show drivers per clinic',
    question: 'Per clinic: no-show rate by lead time, weekday, age group and reminder.',
    grain: 'clinic × period × factor × bucket',
    owner: 'customer-success',
    patientGroups: true,
  },
  {
    view: 'insights_noshow',
    title: 'No-show drivers',
    question: 'Which bookings are missed: by lead time, weekday, age group, reminder sent?',
    grain: 'period × plan × factor × bucket',
    owner: 'product',
    patientGroups: true,
  },
  {
    view: 'insights_kpis_monthly',
    title: 'Monthly KPIs',
    question: 'The catalog metrics per month and plan.',
    grain: 'month × plan',
    owner: 'product',
    patientGroups: false,
  },
  {
    view: 'insights_feature_adoption',
    title: 'Feature adoption',
    question: 'How many clinics used each action each month?',
    grain: 'month × plan × action',
    owner: 'product',
    patientGroups: false,
  },
  {
    view: 'insights_health',
    title: 'Health score',
    question: 'How healthy is each clinic (0-100), what pulls it down, and is it getting worse?',
    grain: 'clinic',
    owner: 'customer-success',
    patientGroups: true,
  },
];

export interface HealthComponent {
  name: 'activity' | 'breadth' | 'reports' | 'volume_trend' | 'attendance';
  weight: number;
  rule: string;
  /** Whether it is computed from patient records (then k-anonymity applies). */
  fromPatients: boolean;
}

/** The weights and rules used by insights_health (kept in step with the view by a test). */
export const healthComponents: readonly HealthComponent[] = [
  {
    name: 'activity',
    weight: 0.3,
    rule: 'active days in the last 28 days; 20 days = 100',
    fromPatients: false,
  },
  {
    name: 'breadth',
    weight: 0.15,
    rule: 'distinct actions used in the last 28 days; 5 = 100',
    fromPatients: false,
  },
  { name: 'reports', weight: 0.2, rule: 'reports created in the last 28 days; 8 = 100', fromPatients: false },
  {
    name: 'volume_trend',
    weight: 0.2,
    rule: 'appointments held vs the previous 28 days; same or more = 100, half = 50',
    fromPatients: false,
  },
  {
    name: 'attendance',
    weight: 0.15,
    rule: '100 − 250 × no-show rate of the last 28 days (40% no-show = 0); left out when the clinic has fewer than k patients',
    fromPatients: true,
  },
];

/** A component below this value is named as a reason the score is low. */
export const HEALTH_REASON_BELOW = 50;
/** A clinic is at risk when its score is below this value... */
export const AT_RISK_SCORE_BELOW = 50;
/** ...or when it fell by at least this many points against the previous period. */
export const AT_RISK_DROP_OF = 15;

/** Correlation flags: |r| below WEAK is weak; n below SMALL_N is too small to trust; p at or above ALPHA. */
export const CORRELATION_WEAK_BELOW = 0.3;
export const CORRELATION_SMALL_N_BELOW = 30;
export const CORRELATION_ALPHA = 0.05;

/** Default k of the k-anonymity rule: groups of fewer patients are suppressed (decision 061). */
export const DEFAULT_MIN_PATIENTS_PER_GROUP = 10;
