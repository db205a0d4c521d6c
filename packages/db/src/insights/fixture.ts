// A small deterministic dataset with known effects, for the insights tests: 40 clinics (plus one tiny clinic
// with 3 patients, to exercise k-anonymity), ~24,000 appointments and ~20,000 app events, generated inside
// PostgreSQL from md5-based pseudo-random numbers (same rows on every run).
import type pg from 'pg';

/** The instant the fixture's data ends at: its newest app event is on the day before. */
export const FIXTURE_ANCHOR = '2026-06-30T12:00:00-03:00';

/** The effects the fixture plants; the analyses tests assert that they are recovered. */
export const fixturePlantedEffects = {
  /** No-show probability 0.05 + 0.006 × lead days (0-60 days), so it rises across lead-time buckets. */
  noShowPerLeadDay: 0.006,
  /** A reminder lowers the no-show probability by 8 points. */
  reminderEffect: -0.08,
  /** Patients under 30 no-show 5 points more often. */
  youngEffect: 0.05,
  /** Clinic engagement e in [0.2, 0.9] is its daily activity probability; P(churn) = 0.8 if e < 0.5, else 0.1. */
  churnFromEngagement: 'P(churn) = 0.8 when engagement < 0.5, else 0.1',
  clinics: 40,
  tinyClinicPatients: 3,
} as const;

const SEED_SQL = `
CREATE FUNCTION pg_temp.rnd(key text) RETURNS double precision LANGUAGE sql IMMUTABLE AS
$$ SELECT ('x' || substr(md5(key), 1, 8))::bit(32)::bigint / 4294967296.0 $$;

CREATE TEMP TABLE fx_clinic ON COMMIT DROP AS
SELECT i,
       0.2 + 0.7 * pg_temp.rnd('engagement' || i) AS engagement,
       $1::timestamptz - make_interval(days => 150 + 8 * i) AS created_at
FROM generate_series(1, 41) AS i;

ALTER TABLE fx_clinic ADD COLUMN churned_at timestamptz;
UPDATE fx_clinic SET churned_at = $1::timestamptz - make_interval(days => 20 + (i * 7) % 60)
WHERE i <= 40 AND pg_temp.rnd('churn' || i) < CASE WHEN engagement < 0.5 THEN 0.8 ELSE 0.1 END;

INSERT INTO companies (id, name, plan, specialty, city, state, status, created_at, churned_at, external_ref)
OVERRIDING SYSTEM VALUE
SELECT i, 'Clinic ' || i, (ARRAY['free', 'basic', 'pro', 'enterprise'])[1 + i % 4], 'general', 'Vitória', 'ES',
       CASE WHEN churned_at IS NULL THEN 'active' ELSE 'churned' END, created_at, churned_at, 'fx-' || i
FROM fx_clinic;

-- Product usage: on each day of its life a clinic is active with probability = engagement.
INSERT INTO app_events (company_id, action, occurred_at, duration_ms, outcome)
SELECT c.i, ev.action, d.day + ev.at, 100, 'ok'
FROM fx_clinic c
CROSS JOIN LATERAL generate_series(date_trunc('day', c.created_at) + interval '1 day',
                                   COALESCE(c.churned_at, $1::timestamptz) - interval '13 hours',
                                   interval '1 day') AS d(day)
CROSS JOIN LATERAL (VALUES
  ('auth.sign_in', interval '11 hours', true),
  ('report.create', interval '12 hours', pg_temp.rnd('rc' || c.i || d.day) < 0.2 + 0.6 * c.engagement),
  ('report.download', interval '12 hours 30 minutes', pg_temp.rnd('rc' || c.i || d.day) < 0.2 + 0.6 * c.engagement * 0.8),
  ('patients.search', interval '13 hours', pg_temp.rnd('ps' || c.i || d.day) < c.engagement)
) AS ev(action, at, happens)
WHERE c.i <= 40 AND pg_temp.rnd('day' || c.i || d.day) < c.engagement AND ev.happens;

INSERT INTO patients (company_id, id, created_at, birth_year, sex, neighbourhood, external_ref)
OVERRIDING SYSTEM VALUE
SELECT c.i, c.i * 1000 + j, c.created_at, 1940 + floor(pg_temp.rnd('by' || c.i || '-' || j) * 80)::int,
       CASE WHEN j % 2 = 0 THEN 'F' ELSE 'M' END, 'Centro', 'p-' || c.i || '-' || j
FROM fx_clinic c
CROSS JOIN LATERAL generate_series(1, CASE WHEN c.i = 41 THEN 3 ELSE 60 END) AS j;

CREATE TEMP TABLE fx_appt ON COMMIT DROP AS
SELECT p.company_id, p.id AS patient_id, n, p.birth_year,
       c.created_at + (COALESCE(c.churned_at, $1::timestamptz + interval '20 days') - c.created_at)
         * pg_temp.rnd('st' || p.id || '-' || n) AS starts_at,
       floor(pg_temp.rnd('lead' || p.id || '-' || n) ^ 2 * 61)::int AS lead_days,
       pg_temp.rnd('rem' || p.id || '-' || n) < 0.5 AS reminder_sent,
       pg_temp.rnd('ns' || p.id || '-' || n) AS u
FROM patients p
JOIN fx_clinic c ON c.i = p.company_id
CROSS JOIN LATERAL generate_series(1, 10) AS n;

INSERT INTO appointments (company_id, patient_id, professional, specialty, booked_at, starts_at, status,
                          price_cents, reminder_sent, external_ref)
SELECT company_id, patient_id, 'Dr. ' || (n % 3), 'general',
       starts_at - make_interval(days => lead_days), starts_at,
       CASE WHEN starts_at > $1::timestamptz THEN 'scheduled'
            WHEN u > 0.97 THEN 'cancelled'
            WHEN u < 0.05 + 0.006 * lead_days - CASE WHEN reminder_sent THEN 0.08 ELSE 0 END
                     + CASE WHEN extract(year FROM starts_at) - birth_year < 30 THEN 0.05 ELSE 0 END
              THEN 'no_show'
            ELSE 'completed' END,
       15000, reminder_sent, 'a-' || patient_id || '-' || n
FROM fx_appt;
`;

/** Loads the fixture into an empty migrated database (one transaction). */
export async function seedInsightsFixture(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SET LOCAL TIME ZONE 'America/Sao_Paulo'`);
    const statements = SEED_SQL.split(/;\n(?=\s*(?:CREATE|ALTER|UPDATE|INSERT|--))/);
    for (const statement of statements) {
      if (statement.trim()) {
        const usesAnchor = statement.includes('$1');
        await client.query(statement, usesAnchor ? [FIXTURE_ANCHOR] : []);
      }
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}
