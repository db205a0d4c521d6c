-- Insights (issue 7): analyses precomputed into materialized views that refreshInsights() refreshes
-- CONCURRENTLY (see docs/decisions/060). Every view has a unique index over plain columns, which
-- REFRESH ... CONCURRENTLY requires. Views are created WITH NO DATA so this migration is instant on a large
-- database; the first refresh fills them (non-concurrently, because an empty view cannot be refreshed
-- concurrently). Calendar buckets (day, week, month) are in clinic time, America/Sao_Paulo.
-- Dimension value 'all' stands for "every plan" in segmentable views, so unique keys never hold NULLs.
-- The metric definitions in words live in packages/db/src/insights/catalog.ts.

-- Action taxonomy: which app_events.action names mean "sign in", "create a report", "download a report",
-- "send reminders". Data, not code, so a team importing its own events maps its names with one UPDATE.
CREATE TABLE insights_actions (
  action    text PRIMARY KEY,
  category  text NOT NULL CHECK (category IN ('sign_in', 'report_create', 'report_download', 'reminder', 'other'))
);
INSERT INTO insights_actions (action, category) VALUES
  ('sign_in', 'sign_in'), ('login', 'sign_in'), ('auth.sign_in', 'sign_in'), ('auth.login', 'sign_in'),
  ('session.start', 'sign_in'),
  ('report.create', 'report_create'), ('report.generate', 'report_create'), ('report_run.create', 'report_create'),
  ('reports.create', 'report_create'), ('report.request', 'report_create'),
  ('report.download', 'report_download'), ('report_run.download', 'report_download'),
  ('reports.download', 'report_download'),
  ('reminder.send', 'reminder'), ('reminders.send', 'reminder'), ('appointment.reminder', 'reminder');

-- The reference instant of every relative window ("last 28 days"): the newest app event, so a frozen
-- dataset gives the same answers on any day; now() only when there are no events at all.
CREATE MATERIALIZED VIEW insights_anchor AS
SELECT 1 AS id,
       COALESCE((SELECT max(occurred_at) FROM app_events), (SELECT max(booked_at) FROM appointments), now())
         AS anchor_at
WITH NO DATA;
CREATE UNIQUE INDEX insights_anchor_key ON insights_anchor (id);

-- Per clinic and week: product usage and appointment figures. Base of lifecycle, retention and KPIs.
CREATE MATERIALIZED VIEW insights_clinic_week AS
WITH ev AS (
  SELECT e.company_id,
         date_trunc('week', e.occurred_at AT TIME ZONE 'America/Sao_Paulo')::date AS week,
         count(*)::int AS events,
         count(DISTINCT (e.occurred_at AT TIME ZONE 'America/Sao_Paulo')::date)::int AS active_days,
         count(*) FILTER (WHERE a.category = 'report_create')::int AS reports_created,
         count(*) FILTER (WHERE a.category = 'report_download')::int AS reports_downloaded,
         count(*) FILTER (WHERE e.outcome = 'error')::int AS errors
  FROM app_events e
  LEFT JOIN insights_actions a ON a.action = e.action
  GROUP BY 1, 2
), ap AS (
  SELECT company_id,
         date_trunc('week', starts_at AT TIME ZONE 'America/Sao_Paulo')::date AS week,
         count(*) FILTER (WHERE status IN ('completed', 'no_show'))::int AS appointments,
         count(*) FILTER (WHERE status = 'no_show')::int AS no_shows,
         COALESCE(sum(price_cents) FILTER (WHERE status = 'completed'), 0)::bigint AS revenue_cents,
         count(DISTINCT patient_id)::int AS patients
  FROM appointments
  GROUP BY 1, 2
)
SELECT COALESCE(ev.company_id, ap.company_id) AS company_id,
       COALESCE(ev.week, ap.week) AS week,
       COALESCE(ev.events, 0) AS events,
       COALESCE(ev.active_days, 0) AS active_days,
       COALESCE(ev.reports_created, 0) AS reports_created,
       COALESCE(ev.reports_downloaded, 0) AS reports_downloaded,
       COALESCE(ev.errors, 0) AS errors,
       COALESCE(ap.appointments, 0) AS appointments,
       COALESCE(ap.no_shows, 0) AS no_shows,
       COALESCE(ap.revenue_cents, 0) AS revenue_cents,
       COALESCE(ap.patients, 0) AS patients
FROM ev FULL JOIN ap ON ap.company_id = ev.company_id AND ap.week = ev.week
WITH NO DATA;
CREATE UNIQUE INDEX insights_clinic_week_key ON insights_clinic_week (company_id, week);

-- Lifecycle (growth accounting) per clinic and week. Active = at least one app event in the week.
-- new: first active week; returning: active this week and the previous one; resurrecting: active after at
-- least one inactive week; dormant: active the previous week but not this one (one row, in the first
-- inactive week, as long as that week has started by the anchor).
CREATE MATERIALIZED VIEW insights_lifecycle_company AS
WITH active AS (
  SELECT company_id, week,
         lag(week) OVER (PARTITION BY company_id ORDER BY week) AS prev_week,
         lead(week) OVER (PARTITION BY company_id ORDER BY week) AS next_week
  FROM insights_clinic_week
  WHERE events > 0
)
SELECT company_id, week,
       CASE WHEN prev_week IS NULL THEN 'new'
            WHEN prev_week = week - 7 THEN 'returning'
            ELSE 'resurrecting' END AS state
FROM active
UNION ALL
SELECT company_id, week + 7 AS week, 'dormant' AS state
FROM active, insights_anchor
WHERE (next_week IS NULL OR next_week > week + 7)
  AND week + 7 <= (anchor_at AT TIME ZONE 'America/Sao_Paulo')::date
WITH NO DATA;
CREATE UNIQUE INDEX insights_lifecycle_company_key ON insights_lifecycle_company (company_id, week);

CREATE MATERIALIZED VIEW insights_lifecycle_weekly AS
SELECT l.week,
       COALESCE(c.plan, 'all') AS plan,
       count(*) FILTER (WHERE l.state = 'new')::int AS new,
       count(*) FILTER (WHERE l.state = 'returning')::int AS returning,
       count(*) FILTER (WHERE l.state = 'resurrecting')::int AS resurrecting,
       count(*) FILTER (WHERE l.state = 'dormant')::int AS dormant
FROM insights_lifecycle_company l
JOIN companies c ON c.id = l.company_id
GROUP BY GROUPING SETS ((l.week, c.plan), (l.week))
WITH NO DATA;
CREATE UNIQUE INDEX insights_lifecycle_weekly_key ON insights_lifecycle_weekly (week, plan);

-- Retention cohorts: clinics grouped by signup month; share active (>= 1 app event) in each later month.
CREATE MATERIALIZED VIEW insights_retention AS
WITH cohort AS (
  SELECT id AS company_id, plan,
         date_trunc('month', created_at AT TIME ZONE 'America/Sao_Paulo')::date AS cohort_month
  FROM companies
), active_month AS (
  SELECT DISTINCT company_id, date_trunc('month', week)::date AS month
  FROM insights_clinic_week WHERE events > 0
), cells AS (
  SELECT co.cohort_month, co.plan, co.company_id, m.months_since,
         EXISTS (SELECT 1 FROM active_month am
                 WHERE am.company_id = co.company_id
                   AND am.month = (co.cohort_month + make_interval(months => m.months_since))::date) AS active
  FROM cohort co
  CROSS JOIN insights_anchor an
  CROSS JOIN LATERAL generate_series(
    0,
    ((extract(year FROM an.anchor_at AT TIME ZONE 'America/Sao_Paulo') - extract(year FROM co.cohort_month)) * 12
      + extract(month FROM an.anchor_at AT TIME ZONE 'America/Sao_Paulo') - extract(month FROM co.cohort_month))::int
  ) AS m(months_since)
)
SELECT cohort_month,
       COALESCE(plan, 'all') AS plan,
       months_since,
       count(*)::int AS cohort_size,
       count(*) FILTER (WHERE active)::int AS active_clinics
FROM cells
GROUP BY GROUPING SETS ((cohort_month, plan, months_since), (cohort_month, months_since))
WITH NO DATA;
CREATE UNIQUE INDEX insights_retention_key ON insights_retention (cohort_month, plan, months_since);

-- Funnel per clinic and month: first sign in, then the first report created after it, then the first
-- download after that, all within the same calendar month.
CREATE MATERIALIZED VIEW insights_funnel_company AS
WITH s1 AS (
  SELECT e.company_id,
         date_trunc('month', e.occurred_at AT TIME ZONE 'America/Sao_Paulo')::date AS month,
         min(e.occurred_at) AS t1
  FROM app_events e
  JOIN insights_actions a ON a.action = e.action AND a.category = 'sign_in'
  WHERE e.outcome = 'ok'
  GROUP BY 1, 2
), s2 AS (
  SELECT s1.company_id, s1.month, s1.t1,
         (SELECT min(e.occurred_at) FROM app_events e
          JOIN insights_actions a ON a.action = e.action AND a.category = 'report_create'
          WHERE e.company_id = s1.company_id AND e.outcome = 'ok' AND e.occurred_at >= s1.t1
            AND e.occurred_at < (s1.month + interval '1 month')::timestamp AT TIME ZONE 'America/Sao_Paulo') AS t2
  FROM s1
)
SELECT s2.company_id, s2.month, s2.t1, s2.t2,
       (SELECT min(e.occurred_at) FROM app_events e
        JOIN insights_actions a ON a.action = e.action AND a.category = 'report_download'
        WHERE e.company_id = s2.company_id AND e.outcome = 'ok' AND e.occurred_at >= s2.t2
          AND e.occurred_at < (s2.month + interval '1 month')::timestamp AT TIME ZONE 'America/Sao_Paulo') AS t3
FROM s2
WITH NO DATA;
CREATE UNIQUE INDEX insights_funnel_company_key ON insights_funnel_company (company_id, month);

CREATE MATERIALIZED VIEW insights_funnel AS
SELECT f.month,
       COALESCE(c.plan, 'all') AS plan,
       count(*)::int AS signed_in,
       count(f.t2)::int AS created_report,
       count(f.t3)::int AS downloaded,
       (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM f.t2 - f.t1) / 60)
         FILTER (WHERE f.t2 IS NOT NULL))::double precision AS median_minutes_to_report,
       (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM f.t3 - f.t2) / 60)
         FILTER (WHERE f.t3 IS NOT NULL))::double precision AS median_minutes_to_download
FROM insights_funnel_company f
JOIN companies c ON c.id = f.company_id
GROUP BY GROUPING SETS ((f.month, c.plan), (f.month))
WITH NO DATA;
CREATE UNIQUE INDEX insights_funnel_key ON insights_funnel (month, plan);

-- Per-clinic behaviours and outcomes for correlations and churn drivers. Behaviour window: the 90 days
-- before the clinic's end (churn date, or the anchor for clinics still active), clipped to its signup.
-- Outcomes: churned (0/1) and growth = ln((appointments in the last 90 days + 1) / (previous 90 days + 1)).
CREATE MATERIALIZED VIEW insights_clinic_features AS
WITH win AS (
  SELECT c.id AS company_id, c.plan, c.status,
         COALESCE(c.churned_at, an.anchor_at) AS end_at,
         GREATEST(c.created_at, COALESCE(c.churned_at, an.anchor_at) - interval '90 days') AS start_at
  FROM companies c CROSS JOIN insights_anchor an
), ev AS (
  SELECT w.company_id,
         count(*) AS events,
         count(DISTINCT (e.occurred_at AT TIME ZONE 'America/Sao_Paulo')::date) AS active_days,
         count(*) FILTER (WHERE a.category = 'report_create') AS reports_created,
         count(DISTINCT e.action) AS distinct_actions
  FROM win w
  JOIN app_events e ON e.company_id = w.company_id AND e.occurred_at > w.start_at AND e.occurred_at <= w.end_at
  LEFT JOIN insights_actions a ON a.action = e.action
  GROUP BY w.company_id
), ap AS (
  SELECT w.company_id,
         count(*) FILTER (WHERE p.starts_at > w.start_at AND p.status IN ('completed', 'no_show')) AS appointments,
         count(*) FILTER (WHERE p.starts_at > w.start_at AND p.status = 'no_show') AS no_shows,
         count(*) FILTER (WHERE p.starts_at > w.start_at AND p.reminder_sent) AS reminded,
         count(*) FILTER (WHERE p.starts_at > w.start_at) AS booked,
         count(DISTINCT p.patient_id) FILTER (WHERE p.starts_at > w.start_at) AS patients,
         count(*) FILTER (WHERE p.starts_at > w.end_at - interval '90 days') AS recent,
         count(*) FILTER (WHERE p.starts_at <= w.end_at - interval '90 days') AS previous
  FROM win w
  JOIN appointments p ON p.company_id = w.company_id
   AND p.starts_at > w.end_at - interval '180 days' AND p.starts_at <= w.end_at
   AND p.status <> 'cancelled'
  GROUP BY w.company_id
)
SELECT w.company_id, w.plan,
       GREATEST(extract(epoch FROM w.end_at - w.start_at)::double precision / 604800, 1) AS weeks,
       COALESCE(ap.patients, 0)::int AS patients,
       COALESCE(ev.active_days, 0) / GREATEST(extract(epoch FROM w.end_at - w.start_at)::double precision / 604800, 1)
         AS active_days_per_week,
       COALESCE(ev.events, 0) / GREATEST(extract(epoch FROM w.end_at - w.start_at)::double precision / 604800, 1)
         AS events_per_week,
       COALESCE(ev.reports_created, 0) / GREATEST(extract(epoch FROM w.end_at - w.start_at)::double precision / 604800, 1)
         AS reports_per_week,
       COALESCE(ev.distinct_actions, 0)::double precision AS feature_breadth,
       COALESCE(ap.appointments, 0) / GREATEST(extract(epoch FROM w.end_at - w.start_at)::double precision / 604800, 1)
         AS appointments_per_week,
       CASE WHEN ap.appointments > 0 THEN ap.no_shows::double precision / ap.appointments END AS no_show_rate,
       CASE WHEN ap.booked > 0 THEN ap.reminded::double precision / ap.booked END AS reminder_rate,
       CASE WHEN w.status = 'churned' THEN 1.0 ELSE 0.0 END::double precision AS churned,
       ln((COALESCE(ap.recent, 0) + 1.0) / (COALESCE(ap.previous, 0) + 1.0)) AS growth
FROM win w
LEFT JOIN ev ON ev.company_id = w.company_id
LEFT JOIN ap ON ap.company_id = w.company_id
WITH NO DATA;
CREATE UNIQUE INDEX insights_clinic_features_key ON insights_clinic_features (company_id);

-- Pearson and Spearman (Pearson over average ranks) for every ordered pair of per-clinic variables, with
-- n, least-squares slope and r², and 95% confidence intervals by the Fisher z transform
-- (Spearman: Bonett-Wright standard error sqrt((1 + rho²/2) / (n - 3))).
CREATE MATERIALIZED VIEW insights_correlations AS
WITH long AS (
  SELECT f.company_id, v.variable, v.value
  FROM insights_clinic_features f
  CROSS JOIN LATERAL (VALUES
    ('active_days_per_week', f.active_days_per_week),
    ('events_per_week', f.events_per_week),
    ('reports_per_week', f.reports_per_week),
    ('feature_breadth', f.feature_breadth),
    ('appointments_per_week', f.appointments_per_week),
    ('no_show_rate', f.no_show_rate),
    ('reminder_rate', f.reminder_rate),
    ('churned', f.churned),
    ('growth', f.growth)
  ) AS v(variable, value)
  WHERE v.value IS NOT NULL
), pairs AS (
  SELECT x.variable AS x, y.variable AS y, x.value AS xv, y.value AS yv
  FROM long x JOIN long y ON y.company_id = x.company_id AND y.variable <> x.variable
), ranked AS (
  SELECT x, y, xv, yv,
         rank() OVER (PARTITION BY x, y ORDER BY xv)
           + (count(*) OVER (PARTITION BY x, y, xv) - 1) / 2.0 AS xr,
         rank() OVER (PARTITION BY x, y ORDER BY yv)
           + (count(*) OVER (PARTITION BY x, y, yv) - 1) / 2.0 AS yr
  FROM pairs
), agg AS (
  SELECT x, y, count(*)::int AS n,
         corr(xv, yv) AS pearson_r,
         corr(xr, yr) AS spearman_rho,
         regr_slope(yv, xv) AS slope,
         regr_r2(yv, xv) AS r2
  FROM ranked
  GROUP BY x, y
)
SELECT x, y, n, pearson_r, spearman_rho, slope, r2,
       CASE WHEN n > 3 AND abs(pearson_r) < 1 THEN tanh(atanh(pearson_r) - 1.959964 / sqrt(n - 3)) END AS pearson_ci_low,
       CASE WHEN n > 3 AND abs(pearson_r) < 1 THEN tanh(atanh(pearson_r) + 1.959964 / sqrt(n - 3)) END AS pearson_ci_high,
       CASE WHEN n > 3 AND abs(spearman_rho) < 1
            THEN tanh(atanh(spearman_rho) - 1.959964 * sqrt((1 + spearman_rho ^ 2 / 2) / (n - 3))) END AS spearman_ci_low,
       CASE WHEN n > 3 AND abs(spearman_rho) < 1
            THEN tanh(atanh(spearman_rho) + 1.959964 * sqrt((1 + spearman_rho ^ 2 / 2) / (n - 3))) END AS spearman_ci_high
FROM agg
WITH NO DATA;
CREATE UNIQUE INDEX insights_correlations_key ON insights_correlations (x, y);

-- Churn drivers: odds ratio of churn for clinics on the risky side of each behaviour's median
-- (Haldane-Anscombe +0.5 correction; 95% CI from the log odds ratio's standard error).
CREATE MATERIALIZED VIEW insights_churn_drivers AS
WITH med AS (
  SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY active_days_per_week) AS active_days_per_week,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY reports_per_week) AS reports_per_week,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY feature_breadth) AS feature_breadth,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY appointments_per_week) AS appointments_per_week,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY no_show_rate) AS no_show_rate,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY reminder_rate) AS reminder_rate
  FROM insights_clinic_features
), flags AS (
  SELECT f.churned = 1 AS churned, d.driver, d.exposed
  FROM insights_clinic_features f CROSS JOIN med m
  CROSS JOIN LATERAL (VALUES
    ('low_active_days', f.active_days_per_week < m.active_days_per_week),
    ('low_report_use', f.reports_per_week < m.reports_per_week),
    ('low_feature_breadth', f.feature_breadth < m.feature_breadth),
    ('low_appointment_volume', f.appointments_per_week < m.appointments_per_week),
    ('high_no_show_rate', f.no_show_rate > m.no_show_rate),
    ('low_reminder_rate', f.reminder_rate < m.reminder_rate)
  ) AS d(driver, exposed)
  WHERE d.exposed IS NOT NULL
), cells AS (
  SELECT driver,
         count(*) FILTER (WHERE exposed AND churned)::int AS exposed_churned,
         count(*) FILTER (WHERE exposed AND NOT churned)::int AS exposed_retained,
         count(*) FILTER (WHERE NOT exposed AND churned)::int AS unexposed_churned,
         count(*) FILTER (WHERE NOT exposed AND NOT churned)::int AS unexposed_retained
  FROM flags GROUP BY driver
)
SELECT driver, exposed_churned, exposed_retained, unexposed_churned, unexposed_retained,
       (exposed_churned + exposed_retained + unexposed_churned + unexposed_retained) AS n,
       (((exposed_churned + 0.5) * (unexposed_retained + 0.5)) / ((exposed_retained + 0.5) * (unexposed_churned + 0.5)))::double precision
         AS odds_ratio,
       sqrt(1 / (exposed_churned + 0.5) + 1 / (exposed_retained + 0.5) + 1 / (unexposed_churned + 0.5)
            + 1 / (unexposed_retained + 0.5))::double precision AS log_or_se
FROM cells
WITH NO DATA;
CREATE UNIQUE INDEX insights_churn_drivers_key ON insights_churn_drivers (driver);

-- No-show drivers per clinic, period and factor bucket, over appointments that took place (completed or
-- no-show). `patients` counts distinct patients: patients belong to one clinic, so it sums exactly across
-- clinics, which is what lets the API apply the k-anonymity threshold at any aggregation level.
CREATE MATERIALIZED VIEW insights_noshow_company AS
WITH ap AS (
  SELECT p.company_id, p.patient_id, p.status, p.starts_at, p.reminder_sent,
         (p.starts_at AT TIME ZONE 'America/Sao_Paulo')::date
           - (p.booked_at AT TIME ZONE 'America/Sao_Paulo')::date AS lead_days,
         extract(isodow FROM p.starts_at AT TIME ZONE 'America/Sao_Paulo')::int AS dow,
         extract(year FROM p.starts_at AT TIME ZONE 'America/Sao_Paulo')::int - pa.birth_year AS age
  FROM appointments p
  JOIN patients pa ON pa.company_id = p.company_id AND pa.id = p.patient_id
  WHERE p.status IN ('completed', 'no_show')
), periods AS (
  SELECT ap.*, pr.period
  FROM ap CROSS JOIN insights_anchor an
  CROSS JOIN LATERAL (VALUES
    ('all', true),
    ('last_365d', ap.starts_at > an.anchor_at - interval '365 days'),
    ('last_90d', ap.starts_at > an.anchor_at - interval '90 days')
  ) AS pr(period, inside)
  WHERE pr.inside
), bucketed AS (
  SELECT company_id, patient_id, status, period,
         CASE WHEN lead_days <= 0 THEN '0' WHEN lead_days <= 2 THEN '1-2' WHEN lead_days <= 7 THEN '3-7'
              WHEN lead_days <= 15 THEN '8-15' WHEN lead_days <= 30 THEN '16-30' ELSE '31+' END AS lead_time,
         (ARRAY['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'])[dow] AS weekday,
         CASE WHEN age IS NULL OR age < 0 THEN 'unknown' WHEN age <= 12 THEN '0-12' WHEN age <= 19 THEN '13-19'
              WHEN age <= 39 THEN '20-39' WHEN age <= 59 THEN '40-59' ELSE '60+' END AS age_group,
         CASE WHEN reminder_sent THEN 'yes' ELSE 'no' END AS reminder
  FROM periods
)
SELECT company_id, period,
       CASE WHEN GROUPING(lead_time) = 0 AND GROUPING(reminder) = 0 THEN 'lead_time_reminder'
            WHEN GROUPING(lead_time) = 0 THEN 'lead_time' WHEN GROUPING(weekday) = 0 THEN 'weekday'
            WHEN GROUPING(age_group) = 0 THEN 'age_group' ELSE 'reminder' END AS factor,
       CASE WHEN GROUPING(lead_time) = 0 AND GROUPING(reminder) = 0 THEN lead_time || '/' || reminder
            ELSE COALESCE(lead_time, weekday, age_group, reminder) END AS bucket,
       count(*)::int AS appointments,
       count(*) FILTER (WHERE status = 'no_show')::int AS no_shows,
       count(DISTINCT patient_id)::int AS patients
FROM bucketed
-- lead_time_reminder stratifies reminders by lead time: reminders go to bookings made ahead, which miss
-- more often anyway, so the crude reminder comparison can point the wrong way (Simpson's paradox).
GROUP BY GROUPING SETS ((company_id, period, lead_time), (company_id, period, weekday),
                        (company_id, period, age_group), (company_id, period, reminder),
                        (company_id, period, lead_time, reminder))
WITH NO DATA;
CREATE UNIQUE INDEX insights_noshow_company_key ON insights_noshow_company (company_id, period, factor, bucket);

CREATE MATERIALIZED VIEW insights_noshow AS
SELECT n.period, COALESCE(c.plan, 'all') AS plan, n.factor, n.bucket,
       sum(n.appointments)::int AS appointments,
       sum(n.no_shows)::int AS no_shows,
       sum(n.patients)::int AS patients
FROM insights_noshow_company n
JOIN companies c ON c.id = n.company_id
GROUP BY GROUPING SETS ((n.period, c.plan, n.factor, n.bucket), (n.period, n.factor, n.bucket))
WITH NO DATA;
CREATE UNIQUE INDEX insights_noshow_key ON insights_noshow (period, plan, factor, bucket);

-- Monthly KPIs of the metric catalog, per plan and for 'all'.
CREATE MATERIALIZED VIEW insights_kpis_monthly AS
WITH daily AS (
  SELECT e.company_id, (e.occurred_at AT TIME ZONE 'America/Sao_Paulo')::date AS day
  FROM app_events e GROUP BY 1, 2
), days_per_plan AS (
  SELECT date_trunc('month', d.day)::date AS month, COALESCE(c.plan, 'all') AS plan, d.day,
         count(*) AS dau
  FROM daily d JOIN companies c ON c.id = d.company_id
  GROUP BY GROUPING SETS ((d.day, c.plan), (d.day))
), dau AS (
  SELECT month, plan, avg(dau) AS avg_dau FROM days_per_plan GROUP BY month, plan
), weeks AS (
  SELECT date_trunc('month', w.week)::date AS month, COALESCE(c.plan, 'all') AS plan, w.week,
         count(*) FILTER (WHERE w.events > 0) AS wau
  FROM insights_clinic_week w JOIN companies c ON c.id = w.company_id
  GROUP BY GROUPING SETS ((w.week, c.plan), (w.week))
), wau AS (
  SELECT month, plan, avg(wau) AS avg_wau FROM weeks GROUP BY month, plan
), monthly AS (
  SELECT date_trunc('month', w.week)::date AS month, COALESCE(c.plan, 'all') AS plan,
         count(DISTINCT w.company_id) FILTER (WHERE w.events > 0) AS mau,
         sum(w.reports_created) AS reports_created,
         sum(w.reports_downloaded) AS reports_downloaded,
         sum(w.appointments) AS appointments,
         sum(w.no_shows) AS no_shows,
         sum(w.revenue_cents) AS revenue_cents
  FROM insights_clinic_week w JOIN companies c ON c.id = w.company_id
  CROSS JOIN insights_anchor an
  WHERE w.week <= (an.anchor_at AT TIME ZONE 'America/Sao_Paulo')::date
  GROUP BY GROUPING SETS ((1, c.plan), (1))
), patients_month AS (
  -- The most patients a clinic saw in one week of the month: a lower bound of its distinct patients in the
  -- month, so suppressing on it errs on the side of privacy.
  SELECT date_trunc('month', w.week)::date AS month, w.company_id, max(w.patients) AS patients
  FROM insights_clinic_week w GROUP BY 1, 2
), patients_plan AS (
  SELECT pm.month, COALESCE(c.plan, 'all') AS plan, sum(pm.patients) AS patients
  FROM patients_month pm JOIN companies c ON c.id = pm.company_id
  GROUP BY GROUPING SETS ((pm.month, c.plan), (pm.month))
), lead AS (
  SELECT date_trunc('month', p.starts_at AT TIME ZONE 'America/Sao_Paulo')::date AS month,
         COALESCE(c.plan, 'all') AS plan,
         (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM p.starts_at - p.booked_at) / 86400))::double precision
           AS median_lead_days
  FROM appointments p JOIN companies c ON c.id = p.company_id
  WHERE p.status <> 'cancelled'
  GROUP BY GROUPING SETS ((1, c.plan), (1))
), churn AS (
  SELECT date_trunc('month', churned_at AT TIME ZONE 'America/Sao_Paulo')::date AS month,
         COALESCE(plan, 'all') AS plan, count(*) AS churned
  FROM companies WHERE churned_at IS NOT NULL
  GROUP BY GROUPING SETS ((1, plan), (1))
)
SELECT m.month, m.plan,
       m.mau::int AS active_clinics_monthly,
       COALESCE(w.avg_wau, 0)::double precision AS active_clinics_weekly,
       COALESCE(d.avg_dau, 0)::double precision AS active_clinics_daily,
       CASE WHEN m.mau > 0 THEN COALESCE(d.avg_dau, 0) / m.mau END::double precision AS stickiness,
       m.reports_created::int, m.reports_downloaded::int, m.appointments::int,
       CASE WHEN m.appointments > 0 THEN m.no_shows::double precision / m.appointments END AS no_show_rate,
       l.median_lead_days,
       m.revenue_cents::bigint,
       COALESCE(ch.churned, 0)::int AS churned_clinics,
       COALESCE(pp.patients, 0)::int AS patients_lower_bound
FROM monthly m
LEFT JOIN patients_plan pp ON pp.month = m.month AND pp.plan = m.plan
LEFT JOIN wau w ON w.month = m.month AND w.plan = m.plan
LEFT JOIN dau d ON d.month = m.month AND d.plan = m.plan
LEFT JOIN lead l ON l.month = m.month AND l.plan = m.plan
LEFT JOIN churn ch ON ch.month = m.month AND ch.plan = m.plan
WITH NO DATA;
CREATE UNIQUE INDEX insights_kpis_monthly_key ON insights_kpis_monthly (month, plan);

-- Feature adoption: share of monthly active clinics that used each action at least once that month.
CREATE MATERIALIZED VIEW insights_feature_adoption AS
WITH used AS (
  SELECT DISTINCT e.company_id, e.action,
         date_trunc('month', e.occurred_at AT TIME ZONE 'America/Sao_Paulo')::date AS month
  FROM app_events e
)
SELECT u.month, COALESCE(c.plan, 'all') AS plan, u.action, count(*)::int AS clinics
FROM used u JOIN companies c ON c.id = u.company_id
GROUP BY GROUPING SETS ((u.month, c.plan, u.action), (u.month, u.action))
WITH NO DATA;
CREATE UNIQUE INDEX insights_feature_adoption_key ON insights_feature_adoption (month, plan, action);

-- Customer Success health inputs per clinic for three consecutive 28-day windows ending at the anchor
-- (w0 = current, w1 = previous, w2 = the one before, needed for the previous period's volume trend).
-- Component scores (0-100) and weights are applied here; see catalog.ts healthComponents for the rules.
CREATE MATERIALIZED VIEW insights_health AS
WITH win AS (
  SELECT c.id AS company_id, c.name, c.plan, c.status, an.anchor_at
  FROM companies c CROSS JOIN insights_anchor an
), ev AS (
  SELECT w.company_id,
         floor(extract(epoch FROM w.anchor_at - e.occurred_at) / (28 * 86400))::int AS k,
         count(DISTINCT (e.occurred_at AT TIME ZONE 'America/Sao_Paulo')::date) AS active_days,
         count(DISTINCT e.action) AS distinct_actions,
         count(*) FILTER (WHERE a.category = 'report_create') AS reports_created
  FROM win w
  JOIN app_events e ON e.company_id = w.company_id
   AND e.occurred_at > w.anchor_at - interval '56 days' AND e.occurred_at <= w.anchor_at
  LEFT JOIN insights_actions a ON a.action = e.action
  GROUP BY 1, 2
), ap AS (
  SELECT w.company_id,
         floor(extract(epoch FROM w.anchor_at - p.starts_at) / (28 * 86400))::int AS k,
         count(*) FILTER (WHERE p.status IN ('completed', 'no_show')) AS appointments,
         count(*) FILTER (WHERE p.status = 'no_show') AS no_shows,
         count(DISTINCT p.patient_id) AS patients
  FROM win w
  JOIN appointments p ON p.company_id = w.company_id
   AND p.starts_at > w.anchor_at - interval '84 days' AND p.starts_at <= w.anchor_at
  GROUP BY 1, 2
), comp AS (
  SELECT w.company_id, w.name, w.plan, w.status, per.k,
         least(100, COALESCE(e.active_days, 0) * 100.0 / 20) AS activity,
         least(100, COALESCE(e.distinct_actions, 0) * 100.0 / 5) AS breadth,
         least(100, COALESCE(e.reports_created, 0) * 100.0 / 8) AS reports,
         CASE WHEN COALESCE(a1.appointments, 0) = 0 THEN CASE WHEN COALESCE(a0.appointments, 0) > 0 THEN 100 ELSE 0 END
              ELSE least(100, COALESCE(a0.appointments, 0) * 100.0 / a1.appointments) END AS volume_trend,
         CASE WHEN COALESCE(a0.appointments, 0) = 0 THEN NULL
              ELSE greatest(0, 100 - a0.no_shows * 250.0 / a0.appointments) END AS attendance,
         COALESCE(a0.patients, 0)::int AS patients,
         CASE WHEN a0.appointments > 0 THEN a0.no_shows::double precision / a0.appointments END AS no_show_rate
  FROM win w
  CROSS JOIN (VALUES (0), (1)) AS per(k)
  LEFT JOIN ev e ON e.company_id = w.company_id AND e.k = per.k
  LEFT JOIN ap a0 ON a0.company_id = w.company_id AND a0.k = per.k
  LEFT JOIN ap a1 ON a1.company_id = w.company_id AND a1.k = per.k + 1
), scored AS (
  SELECT comp.*,
         CASE WHEN attendance IS NULL
              THEN (0.30 * activity + 0.15 * breadth + 0.20 * reports + 0.20 * volume_trend) / 0.85
              ELSE 0.30 * activity + 0.15 * breadth + 0.20 * reports + 0.20 * volume_trend + 0.15 * attendance END
           AS score,
         (0.30 * activity + 0.15 * breadth + 0.20 * reports + 0.20 * volume_trend) / 0.85 AS score_without_patient_data
  FROM comp
)
SELECT cur.company_id, cur.name, cur.plan, cur.status, cur.patients, cur.no_show_rate,
       round(cur.activity)::int AS activity, round(cur.breadth)::int AS breadth, round(cur.reports)::int AS reports,
       round(cur.volume_trend)::int AS volume_trend, round(cur.attendance)::int AS attendance,
       round(cur.score)::int AS score, round(cur.score_without_patient_data)::int AS score_without_patient_data,
       round(prev.score)::int AS previous_score,
       round(prev.score_without_patient_data)::int AS previous_score_without_patient_data,
       prev.patients AS previous_patients
FROM scored cur JOIN scored prev ON prev.company_id = cur.company_id AND prev.k = 1
WHERE cur.k = 0
WITH NO DATA;
CREATE UNIQUE INDEX insights_health_key ON insights_health (company_id);
CREATE INDEX insights_health_score_idx ON insights_health (score);
