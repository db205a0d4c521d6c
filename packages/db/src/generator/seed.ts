// The data generator: realistic, deterministic data built INSIDE PostgreSQL with INSERT ... SELECT over
// generate_series. Every random draw is a hash of (row ordinal, stream, seed), so the same seed gives the same
// rows on any run and in any batch order. The whole load is one transaction: a failed seed leaves nothing.
import pg from 'pg';
import { hashToken } from '../tokens.ts';
import { plantedEffects as fx } from './planted-effects.ts';
import { presets, type PresetName } from './presets.ts';
import {
  GENERAL_PRACTICE,
  cities,
  clinicNamePrefixes,
  clinicNameWords,
  femaleFirstNames,
  holidays,
  lastNames,
  maleFirstNames,
  neighbourhoods,
  specialties,
} from './reference-data.ts';

/** Dev-only bearer tokens of the `demo` preset (no other preset creates them). */
export const demoTokens = {
  clinicA: 'demo-clinic-a',
  clinicB: 'demo-clinic-b',
  product: 'demo-product',
  cs: 'demo-cs',
} as const;

/** Dev-only internal tokens created by the non-demo presets (e.g. to benchmark insights on `target`). */
export const seedInternalTokens = { product: 'seed-product', cs: 'seed-cs' } as const;

/** Dev-only clinic token the generator creates for every company that has no demo token. */
export function seededCompanyToken(companyId: string | number | bigint): string {
  return `seed-company-${String(companyId)}`;
}

export interface SeedOptions {
  preset?: PresetName;
  /** Any integer; the same seed and sizes give the same data. Default 1. */
  seed?: number;
  companies?: number;
  patients?: number;
  appointments?: number;
  appEvents?: number;
  batchRows?: number;
  bulk?: boolean;
  onProgress?: (progress: SeedProgress) => void;
}

export interface SeedProgress {
  phase: string;
  /** Rows written so far in this phase. */
  rows: number;
  totalRows: number;
  batch: number;
  batches: number;
  elapsedMs: number;
}

export interface SeedPhase {
  phase: string;
  rows: number;
  ms: number;
  /** pg_database_size after the phase. */
  databaseBytes: number;
}

export interface SeedToken {
  token: string;
  role: 'clinic' | 'product' | 'cs';
  companyId: string | null;
}

export interface SeedResult {
  preset: PresetName;
  seed: number;
  companies: number;
  patients: number;
  appointments: number;
  appEvents: number;
  /** First and last company id created. */
  companyIds: { first: string; last: string };
  /** The named tokens created (demo or internal); every other company has seededCompanyToken(id). */
  tokens: SeedToken[];
  phases: SeedPhase[];
  totalMs: number;
}

type Queryable = pg.Pool | string;

const lit = (value: string): string => `'${value.replaceAll("'", "''")}'`;
const textArray = (values: readonly string[]): string => `ARRAY[${values.map(lit).join(', ')}]::text[]`;
function num(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`generator: not a finite number: ${String(value)}`);
  return String(value);
}
function count(name: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min)
    throw new Error(`seed: ${name} must be an integer >= ${min}`);
  return value;
}

/** CASE expression mapping a uniform u to a label by cumulative shares (last label takes the rest). */
function pick(u: string, entries: readonly (readonly [string, number])[]): string {
  let cumulative = 0;
  const whens = entries.slice(0, -1).map(([label, share]) => {
    cumulative += share;
    return `WHEN ${u} < ${num(cumulative)} THEN ${label}`;
  });
  return `CASE ${whens.join(' ')} ELSE ${entries.at(-1)?.[0] ?? 'NULL'} END`;
}

function cumulativeRanges<T extends { weight: number }>(
  items: readonly T[],
): (T & { lo: number; hi: number })[] {
  const total = items.reduce((sum, item) => sum + item.weight, 0);
  let lo = 0;
  return items.map((item, i) => {
    const hi = i === items.length - 1 ? 1.000001 : lo + item.weight / total;
    const range = { ...item, lo, hi };
    lo = hi;
    return range;
  });
}

const SETUP = `
-- Uniform [0, 1) from (key, seed). Hashing twice: one hashint8extended of adjacent keys is measurably
-- correlated (r = -0.17 on its low 53 bits), the low 32 bits of the second hash are not (|r| < 0.003).
CREATE OR REPLACE FUNCTION pg_temp.u(k bigint, s bigint) RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
  $$ SELECT (hashint8extended(hashint8extended(k, s), s) & 4294967295)::float8 / 4294967296.0 $$;
CREATE OR REPLACE FUNCTION pg_temp.z(k bigint, s bigint) RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
  $$ SELECT sqrt(-2 * ln(1 - pg_temp.u(k, s))) * cos(2 * pi() * pg_temp.u(k + 1, s)) $$;
`;

interface Plan {
  preset: PresetName;
  seed: number;
  companies: number;
  patients: number;
  appointments: number;
  appEvents: number;
  batchRows: number;
  bulk: boolean;
  fixedSizeWeights: readonly number[];
}

function resolvePlan(options: SeedOptions): Plan {
  const preset = options.preset ?? 'test';
  const base = presets[preset];
  const plan: Plan = {
    preset,
    seed: options.seed ?? 1,
    companies: options.companies ?? base.companies,
    patients: options.patients ?? base.patients,
    appointments: options.appointments ?? base.appointments,
    appEvents: options.appEvents ?? base.appEvents,
    batchRows: options.batchRows ?? base.batchRows,
    bulk: options.bulk ?? base.bulk,
    fixedSizeWeights: base.fixedSizeWeights,
  };
  if (!Number.isSafeInteger(plan.seed) || Math.abs(plan.seed) > 2 ** 40)
    throw new Error('seed: seed must be an integer between -2^40 and 2^40');
  count('companies', plan.companies, preset === 'demo' ? 2 : 1);
  count('patients', plan.patients, plan.companies * fx.clinicSize.minPatients);
  count('appointments', plan.appointments, 0);
  count('appEvents', plan.appEvents, 0);
  count('batchRows', plan.batchRows, 1);
  return plan;
}

/** Seeds s for each entity kind, so companies, patients, ... draw independent numbers from one user seed. */
function streams(
  seed: number,
): Record<'company' | 'patient' | 'appointment' | 'event' | 'professional', string> {
  return {
    company: num(seed * 16 + 1),
    patient: num(seed * 16 + 2),
    appointment: num(seed * 16 + 3),
    event: num(seed * 16 + 4),
    professional: num(seed * 16 + 5),
  };
}

function calendarSql(): string {
  const c = fx.calendar;
  const weekday = `(ARRAY[${[1, 2, 3, 4, 5, 6, 7].map((d) => num(c.weekday[d as keyof typeof c.weekday])).join(', ')}])[extract(isodow FROM day)::int]`;
  const month = `(ARRAY[${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => num(c.month[m as keyof typeof c.month])).join(', ')}])[extract(month FROM day)::int]`;
  return `
CREATE TEMP TABLE g_day ON COMMIT DROP AS
WITH d AS (
  SELECT day::date AS day
  FROM generate_series(${lit(c.windowStart)}::date, ${lit(c.asOf)}::date + ${num(c.futureDays - 1)}, interval '1 day') day
), w AS (
  SELECT day, greatest(1, round(100 * ${weekday} * ${month}
           * CASE WHEN day = ANY (${textArray(holidays)}::date[]) THEN ${num(c.holiday)} ELSE 1 END))::int AS n
  FROM d
)
SELECT day, (sum(n) OVER (ORDER BY day) - n + 1)::int AS first_slot, (sum(n) OVER (ORDER BY day))::int AS last_slot
FROM w;
ALTER TABLE g_day ADD PRIMARY KEY (day);
-- One row per slot: a day with weight 1.05 owns 105 slots, so a uniform slot number draws days by weight.
CREATE TEMP TABLE g_slot ON COMMIT DROP AS
SELECT s AS slot, day FROM g_day, generate_series(first_slot, last_slot) s;
ALTER TABLE g_slot ADD PRIMARY KEY (slot);
ANALYZE g_day;
ANALYZE g_slot;`;
}

function companiesSql(plan: Plan, base: { company: number }): string {
  const s = streams(plan.seed).company;
  const sigma = num(fx.clinicSize.lognormalSigma);
  const fixed = plan.fixedSizeWeights;
  const k = fixed.length;
  const fixedArray = k > 0 ? `(ARRAY[${fixed.map(num).join(', ')}]::float8[])` : `(ARRAY[]::float8[])`;
  // Other clinics stay below the smallest fixed one, so demo clinic A is the largest and B the second.
  const cap = k > 0 ? num(Math.min(...fixed) * 0.95) : 'NULL';
  const cityRanges = cumulativeRanges(cities);
  const specRanges = cumulativeRanges(specialties);
  const cityValues = cityRanges
    .map((x) => `(${lit(x.city)}, ${lit(x.state)}, ${lit(x.timezone)}, ${num(x.lo)}, ${num(x.hi)})`)
    .join(',\n    ');
  const specValues = specRanges.map((x) => `(${lit(x.name)}, ${num(x.lo)}, ${num(x.hi)})`).join(',\n    ');
  const th = fx.plan.thresholds;
  const churn = fx.churn.probabilityByPlan;
  const minP = fx.clinicSize.minPatients;
  const share = (total: number, cumulative: string, previous: string, totalWeight: string): string =>
    `(round(${cumulative} * ${num(total)} / ${totalWeight}) - round(${previous} * ${num(total)} / ${totalWeight}))::int`;
  const demoNames =
    plan.preset === 'demo' ? textArray(['Clínica Demo A', 'Clínica Demo B']) : 'ARRAY[]::text[]';
  return `
CREATE TEMP TABLE g_company ON COMMIT DROP AS
WITH r AS MATERIALIZED (
  SELECT c AS ord,
         pg_temp.z(c::bigint * 64, ${s}) AS z_size,
         pg_temp.z(c::bigint * 64 + 2, ${s}) AS z_noise,
         pg_temp.u(c::bigint * 64 + 4, ${s}) AS u_city,
         pg_temp.u(c::bigint * 64 + 5, ${s}) AS u_spec,
         pg_temp.u(c::bigint * 64 + 6, ${s}) AS u_created,
         pg_temp.u(c::bigint * 64 + 7, ${s}) AS u_created2,
         pg_temp.u(c::bigint * 64 + 8, ${s}) AS u_churn,
         pg_temp.u(c::bigint * 64 + 9, ${s}) AS u_churn_at,
         pg_temp.u(c::bigint * 64 + 10, ${s}) AS u_prefix,
         pg_temp.u(c::bigint * 64 + 11, ${s}) AS u_word
  FROM generate_series(1, ${num(plan.companies)}) c
), sized AS MATERIALIZED (
  SELECT r.*,
         CASE WHEN ord <= ${num(k)} THEN ${fixedArray}[ord] ELSE least(${cap}, exp(${sigma} * z_size)) END AS w,
         CASE WHEN ord <= ${num(k)} THEN ln(${fixedArray}[ord]) / ${sigma} ELSE z_size END AS z_eff
  FROM r
), placed AS MATERIALIZED (
  SELECT sized.*, ci.city, ci.state, ci.timezone, sp.specialty,
         CASE WHEN score < ${num(th.free)} THEN 'free' WHEN score < ${num(th.basic)} THEN 'basic'
              WHEN score < ${num(th.pro)} THEN 'pro' ELSE 'enterprise' END AS plan,
         CASE WHEN ord <= ${num(k)} AND ord <= cardinality(${demoNames}) THEN (${demoNames})[ord]
              ELSE (${textArray(clinicNamePrefixes)})[1 + floor(u_prefix * ${num(clinicNamePrefixes.length)})::int] || ' '
                || (${textArray(clinicNameWords)})[1 + floor(u_word * ${num(clinicNameWords.length)})::int] || ' ' || ci.city
         END AS name,
         CASE WHEN ord <= ${num(k)} THEN timestamp '2023-03-01 09:00'
              WHEN u_created < 0.7 THEN timestamp '2019-01-01' + u_created2 * (timestamp '2025-01-01' - timestamp '2019-01-01')
              ELSE timestamp '2025-01-01' + u_created2 * interval '365 days' END AS created_local
  FROM sized
  CROSS JOIN LATERAL (SELECT ${num(fx.plan.sizeCorrelation)} * z_eff + 0.71 * z_noise AS score) x
  JOIN (VALUES
    ${cityValues}) AS ci (city, state, timezone, lo, hi) ON u_city >= ci.lo AND u_city < ci.hi
  JOIN (VALUES
    ${specValues}) AS sp (specialty, lo, hi) ON u_spec >= sp.lo AND u_spec < sp.hi
), started AS MATERIALIZED (
  SELECT placed.*, date_trunc('second', created_local AT TIME ZONE timezone) AS created_at,
         greatest(${lit(fx.calendar.windowStart)}::date, created_local::date + 14) AS act_start
  FROM placed
), churn_window AS MATERIALIZED (
  SELECT started.*,
         greatest(act_start + 120, ${lit(fx.churn.earliest)}::date) AS churn_lo,
         ${lit(fx.calendar.asOf)}::date - 14 AS churn_hi,
         ord > ${num(k)} AND u_churn < CASE plan WHEN 'free' THEN ${num(churn.free)} WHEN 'basic' THEN ${num(churn.basic)}
                                          WHEN 'pro' THEN ${num(churn.pro)} ELSE ${num(churn.enterprise)} END AS churns
  FROM started
), churned AS MATERIALIZED (
  SELECT churn_window.*,
         CASE WHEN churns AND churn_lo <= churn_hi
              THEN churn_lo + floor(u_churn_at * (churn_hi - churn_lo + 1))::int END AS churn_day
  FROM churn_window
), slotted AS MATERIALIZED (
  SELECT churned.*,
         (SELECT first_slot FROM g_day WHERE day = act_start) AS lo,
         (SELECT last_slot FROM g_day WHERE day = coalesce(churn_day, ${lit(fx.calendar.asOf)}::date + ${num(fx.calendar.futureDays)}) - 1) AS hi,
         (SELECT last_slot FROM g_day WHERE day = coalesce(churn_day, ${lit(fx.calendar.asOf)}::date) - 1) AS ehi,
         (SELECT first_slot FROM g_day WHERE day = churn_day - ${num(fx.churn.declineDays)}) AS dlo
  FROM churned
), weighted AS MATERIALIZED (
  SELECT slotted.*, w * (hi - lo + 1) AS wa, power(w, ${num(fx.clinicSize.eventSizeExponent)}) * (ehi - lo + 1) AS we
  FROM slotted
), cumulative AS MATERIALIZED (
  SELECT weighted.*,
         sum(w) OVER o AS cw, coalesce(sum(w) OVER p, 0) AS pw, sum(w) OVER () AS tw,
         sum(wa) OVER o AS cwa, coalesce(sum(wa) OVER p, 0) AS pwa, sum(wa) OVER () AS twa,
         sum(we) OVER o AS cwe, coalesce(sum(we) OVER p, 0) AS pwe, sum(we) OVER () AS twe
  FROM weighted
  WINDOW o AS (ORDER BY ord), p AS (ORDER BY ord ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
), counted AS MATERIALIZED (
  -- Cumulative rounding: every company gets its share and the totals are exact.
  SELECT cumulative.*,
         ${num(minP)} + ${share(plan.patients - minP * plan.companies, 'cw', 'pw', 'tw')} AS n_patients,
         ${share(plan.appointments, 'cwa', 'pwa', 'twa')} AS n_appts,
         ${share(plan.appEvents, 'cwe', 'pwe', 'twe')} AS n_events
  FROM cumulative
)
SELECT ord, ${num(base.company)} + ord AS id, name, plan, specialty, city, state, timezone, created_at,
       CASE WHEN churn_day IS NOT NULL THEN (churn_day + time '10:00') AT TIME ZONE timezone END AS churned_at,
       act_start, churn_day, lo, hi, ehi, dlo, n_patients, n_appts, n_events,
       greatest(1, least(60, round(n_patients / ${num(fx.clinicSize.patientsPerProfessional)}.0)))::int AS n_prof,
       (sum(n_patients) OVER o - n_patients)::bigint AS patient_offset,
       (sum(n_appts) OVER o - n_appts)::bigint AS appt_offset,
       (sum(n_events) OVER o - n_events)::bigint AS event_offset
FROM counted
WINDOW o AS (ORDER BY ord);
ALTER TABLE g_company ADD PRIMARY KEY (ord);
ALTER TABLE g_company ADD COLUMN patient_batch int, ADD COLUMN appt_batch int, ADD COLUMN event_batch int;
UPDATE g_company SET patient_batch = (patient_offset / ${num(plan.batchRows)})::int,
                     appt_batch = (appt_offset / ${num(plan.batchRows)})::int,
                     event_batch = (event_offset / ${num(plan.batchRows)})::int;
ANALYZE g_company;

INSERT INTO companies (id, name, plan, specialty, city, state, timezone, status, created_at, churned_at)
SELECT id, name, plan, specialty, city, state, timezone,
       CASE WHEN churned_at IS NULL THEN 'active' ELSE 'churned' END, created_at, churned_at
FROM g_company ORDER BY ord;`;
}

function patientsSql(plan: Plan, base: { patient: number }): string {
  const s = streams(plan.seed).patient;
  const p = fx.patients;
  const asOfYear = Number(fx.calendar.asOf.slice(0, 4));
  const age = `CASE ${(() => {
    let cumulative = 0;
    return p.ageGroups
      .map((g, i) => {
        cumulative += g.share;
        const value = `${num(g.from)} + floor(u_age2 * ${num(g.to - g.from + 1)})::int`;
        return i === p.ageGroups.length - 1
          ? `ELSE ${value}`
          : `WHEN u_age < ${num(cumulative)} THEN ${value}`;
      })
      .join(' ');
  })()} END`;
  const sex = pick('u_sex', [
    ["'F'", p.sex.F],
    ["'M'", p.sex.M],
    ["'X'", p.sex.X],
  ]);
  return `
INSERT INTO patients (company_id, id, created_at, name, email, birth_year, sex, neighbourhood,
                      hypertension, diabetes, alcoholism, handicap, reminder_opt_in)
SELECT company_id, id, created_at,
       CASE WHEN sex = 'F' THEN (${textArray(femaleFirstNames)})[1 + floor(u_first * ${num(femaleFirstNames.length)})::int]
            ELSE (${textArray(maleFirstNames)})[1 + floor(u_first * ${num(maleFirstNames.length)})::int] END
         || ' ' || (${textArray(lastNames)})[1 + floor(u_last1 * ${num(lastNames.length)})::int]
         || ' ' || (${textArray(lastNames)})[1 + floor(u_last2 * ${num(lastNames.length)})::int],
       CASE WHEN u_email < ${num(p.emailShare)} THEN 'paciente' || ord || '@exemplo.com.br' END,
       ${num(asOfYear)} - age, sex,
       (${textArray(neighbourhoods)})[1 + floor(u_hood * ${num(neighbourhoods.length)})::int],
       u_hyp < CASE WHEN age >= 40 THEN ${num(p.hypertension.age40plus)} ELSE ${num(p.hypertension.younger)} END,
       u_dia < CASE WHEN age >= 40 THEN ${num(p.diabetes.age40plus)} ELSE ${num(p.diabetes.younger)} END,
       u_alc < ${num(p.alcoholism)}, u_hand < ${num(p.handicap)}, u_opt < ${num(p.reminderOptIn)}
FROM (
  SELECT r.*, ${age} AS age, ${sex} AS sex
  FROM (
    SELECT c.id AS company_id, ${num(base.patient)} + g.ord AS id, g.ord,
           date_trunc('second', c.created_at + pg_temp.u(g.ord * 64, ${s}) * interval '14 days') AS created_at,
           pg_temp.u(g.ord * 64 + 1, ${s}) AS u_age, pg_temp.u(g.ord * 64 + 2, ${s}) AS u_age2,
           pg_temp.u(g.ord * 64 + 3, ${s}) AS u_sex, pg_temp.u(g.ord * 64 + 4, ${s}) AS u_first,
           pg_temp.u(g.ord * 64 + 5, ${s}) AS u_last1, pg_temp.u(g.ord * 64 + 6, ${s}) AS u_last2,
           pg_temp.u(g.ord * 64 + 7, ${s}) AS u_email, pg_temp.u(g.ord * 64 + 8, ${s}) AS u_hood,
           pg_temp.u(g.ord * 64 + 9, ${s}) AS u_hyp, pg_temp.u(g.ord * 64 + 10, ${s}) AS u_dia,
           pg_temp.u(g.ord * 64 + 11, ${s}) AS u_alc, pg_temp.u(g.ord * 64 + 12, ${s}) AS u_hand,
           pg_temp.u(g.ord * 64 + 13, ${s}) AS u_opt
    FROM g_company c
    CROSS JOIN LATERAL generate_series(c.patient_offset + 1, c.patient_offset + c.n_patients) AS g (ord)
    WHERE c.patient_batch = $1
    OFFSET 0
  ) r
  OFFSET 0
) x`;
}

function appointmentsSql(plan: Plan, base: { patient: number; appointment: number }): string {
  const st = streams(plan.seed);
  const s = st.appointment;
  const a = fx.appointments;
  const names = specialties.map((x) => x.name);
  const bucket = `CASE ${a.noShowByLeadBucket
    .map((b) => `WHEN lead <= ${num(b.toDays)} THEN ${num(b.rate)}`)
    .join(' ')} END`;
  const ageMultiplier = `CASE ${a.noShowAgeMultiplier
    .map((g) => `WHEN age <= ${num(g.to)} THEN ${num(g.multiplier)}`)
    .join(' ')} END`;
  const asOf = `${lit(fx.calendar.asOf)}::date`;
  return `
INSERT INTO appointments (company_id, id, patient_id, professional, specialty, booked_at, starts_at, duration_minutes,
                          status, price_cents, reminder_sent)
SELECT company_id, id, patient_id, professional, specialty,
       CASE WHEN lead = 0 THEN starts_at - (15 + floor(u_book * 180)) * interval '1 minute'
            ELSE ((day - lead) + time '08:00' + floor(u_book * 600) * interval '1 minute') AT TIME ZONE timezone END,
       starts_at, duration_minutes,
       CASE WHEN day >= ${asOf} THEN 'scheduled'
            WHEN u_cancel < ${num(a.cancelRate)} THEN 'cancelled'
            WHEN u_noshow < least(0.95, ${bucket} * ${ageMultiplier}
                                  * CASE WHEN reminder THEN ${num(a.reminderMultiplier)} ELSE 1 END) THEN 'no_show'
            ELSE 'completed' END,
       (round(price_base * (${num(1 - a.priceSpread)} + ${num(2 * a.priceSpread)} * u_price) / 500) * 500)::int,
       reminder
FROM (
  SELECT y.*, (day + time '07:00' + floor(u_time * ${num(fx.calendar.appointmentSlots)}) * interval '30 minutes')
                AT TIME ZONE timezone AS starts_at,
         day < ${asOf} AND reminder_opt_in AND lead >= 1 AND u_reminder < ${num(a.reminderRate)} AS reminder,
         extract(year FROM day)::int - birth_year AS age,
         (ARRAY[${specialties.map((x) => num(x.priceCents)).join(', ')}])[spec_pos] AS price_base,
         (ARRAY[${specialties.map((x) => num(x.durationMinutes)).join(', ')}])[spec_pos] AS duration_minutes
  FROM (
    SELECT x.*, gs.day, p.birth_year, p.reminder_opt_in,
           least(CASE WHEN u_same < ${num(a.sameDayShare)} THEN 0
                      ELSE least(${num(a.leadMaxDays)}, 1 + floor(-ln(1 - u_lead) * ${num(a.leadMeanDays)}))::int END,
                 gs.day - x.act_start) AS lead,
           array_position(${textArray(names)}, x.specialty) AS spec_pos
    FROM (
      SELECT r.*,
             CASE WHEN r.company_specialty = ${lit(GENERAL_PRACTICE)} AND u_other < ${num(a.otherSpecialtyShare)}
                  THEN (${textArray(names)})[1 + floor(u_other2 * ${num(names.length)})::int]
                  ELSE r.company_specialty END AS specialty,
             CASE WHEN hashint8extended(r.company_ord * 1000 + r.prof, ${st.professional}) & 1 = 0
                  THEN 'Dra. ' || (${textArray(femaleFirstNames)})[1 + ((hashint8extended(r.company_ord * 1000 + r.prof, ${st.professional}) >> 1) & 65535) % ${num(femaleFirstNames.length)}]
                  ELSE 'Dr. ' || (${textArray(maleFirstNames)})[1 + ((hashint8extended(r.company_ord * 1000 + r.prof, ${st.professional}) >> 1) & 65535) % ${num(maleFirstNames.length)}]
             END || ' ' || (${textArray(lastNames)})[1 + ((hashint8extended(r.company_ord * 1000 + r.prof, ${st.professional}) >> 17) & 65535) % ${num(lastNames.length)}]
               AS professional
      FROM (
        SELECT c.id AS company_id, c.ord AS company_ord, c.timezone, c.act_start, c.specialty AS company_specialty,
               ${num(base.appointment)} + g.ord AS id,
               ${num(base.patient)} + c.patient_offset + 1
                 + floor(c.n_patients * power(pg_temp.u(g.ord * 64, ${s}), ${num(a.patientSkew)}))::bigint AS patient_id,
               c.lo + floor(pg_temp.u(g.ord * 64 + 1, ${s}) * (c.hi - c.lo + 1))::int AS slot,
               floor(c.n_prof * power(pg_temp.u(g.ord * 64 + 2, ${s}), ${num(a.professionalSkew)}))::int AS prof,
               pg_temp.u(g.ord * 64 + 3, ${s}) AS u_time, pg_temp.u(g.ord * 64 + 4, ${s}) AS u_same,
               pg_temp.u(g.ord * 64 + 5, ${s}) AS u_lead, pg_temp.u(g.ord * 64 + 6, ${s}) AS u_book,
               pg_temp.u(g.ord * 64 + 7, ${s}) AS u_cancel, pg_temp.u(g.ord * 64 + 8, ${s}) AS u_noshow,
               pg_temp.u(g.ord * 64 + 9, ${s}) AS u_reminder, pg_temp.u(g.ord * 64 + 10, ${s}) AS u_price,
               pg_temp.u(g.ord * 64 + 11, ${s}) AS u_other, pg_temp.u(g.ord * 64 + 12, ${s}) AS u_other2
        FROM g_company c
        CROSS JOIN LATERAL generate_series(c.appt_offset + 1, c.appt_offset + c.n_appts) AS g (ord)
        WHERE c.appt_batch = $1
        OFFSET 0
      ) r
      OFFSET 0
    ) x
    JOIN g_slot gs ON gs.slot = x.slot
    JOIN patients p ON p.company_id = x.company_id AND p.id = x.patient_id
    OFFSET 0
  ) y
  OFFSET 0
) z`;
}

function eventsSql(plan: Plan, base: { event: number }): string {
  const s = streams(plan.seed).event;
  const e = fx.appEvents;
  const actions = Object.entries(e.actionMix);
  const action = pick(
    'u_action',
    actions.map(([name, share]) => [lit(name), share] as const),
  );
  const median = `CASE action ${Object.entries(e.medianMs)
    .filter(([name]) => name !== 'report.generate')
    .map(([name, ms]) => `WHEN ${lit(name)} THEN ${num(ms)}`)
    .join(' ')} ELSE 300 END`;
  const reportMedian = `${num(e.medianMs['report.generate'])} * power(n_patients / 100.0, ${num(e.reportSizeExponent)})`;
  const decline = fx.churn.declineDays;
  return `
INSERT INTO app_events (company_id, id, action, occurred_at, duration_ms, outcome)
SELECT company_id, id, action, occurred_at,
       CASE WHEN action = 'report.generate' THEN least(${num(e.reportTimeoutMs)}, raw_ms) ELSE raw_ms END,
       CASE WHEN action = 'report.generate' AND raw_ms > ${num(e.reportTimeoutMs)} THEN 'timeout'
            WHEN u_error < CASE WHEN action = 'report.generate' THEN ${num(e.reportErrorRate)} ELSE ${num(e.otherErrorRate)} END
              THEN 'error'
            ELSE 'ok' END
FROM (
  SELECT w.*,
         round(CASE WHEN action = 'report.generate' THEN ${reportMedian} ELSE ${median} END
               * exp(${num(e.durationSigma)} * sqrt(-2 * ln(1 - u_d1)) * cos(2 * pi() * u_d2)))::int AS raw_ms
  FROM (
    SELECT v.*,
           CASE WHEN base_action IN ('report.generate', 'report.download') AND u_report >= keep THEN 'agenda.view'
                ELSE base_action END AS action,
           date_trunc('second', (gs.day + time '07:00' + u_time * interval '13 hours') AT TIME ZONE timezone) AS occurred_at
    FROM (
     SELECT u.*, ${action} AS base_action
     FROM (
      SELECT t.*,
             CASE WHEN moved THEN elo + floor(u_move * (dlo - elo))::int ELSE slot1 END AS slot,
             CASE WHEN moved THEN 1 ELSE factor END AS keep
      FROM (
        SELECT r.*, gs1.day AS day1,
               CASE WHEN r.churn_day IS NOT NULL AND gs1.day >= r.churn_day - ${num(decline)}
                    THEN 1 - ${num(1 - fx.churn.floorRate)} * (gs1.day - (r.churn_day - ${num(decline)})) / ${num(decline)}.0
                    ELSE 1 END AS factor,
               r.churn_day IS NOT NULL AND gs1.day >= r.churn_day - ${num(decline)} AND r.dlo > r.elo
                 AND r.u_keep >= 1 - ${num(1 - fx.churn.floorRate)} * (gs1.day - (r.churn_day - ${num(decline)})) / ${num(decline)}.0
                 AS moved
        FROM (
          SELECT c.id AS company_id, c.timezone, c.churn_day, c.n_patients, c.lo AS elo, c.dlo,
                 ${num(base.event)} + g.ord AS id,
                 c.lo + floor(pg_temp.u(g.ord * 64, ${s}) * (c.ehi - c.lo + 1))::int AS slot1,
                 pg_temp.u(g.ord * 64 + 1, ${s}) AS u_keep, pg_temp.u(g.ord * 64 + 2, ${s}) AS u_move,
                 pg_temp.u(g.ord * 64 + 3, ${s}) AS u_action, pg_temp.u(g.ord * 64 + 4, ${s}) AS u_report,
                 pg_temp.u(g.ord * 64 + 5, ${s}) AS u_time, pg_temp.u(g.ord * 64 + 6, ${s}) AS u_d1,
                 pg_temp.u(g.ord * 64 + 7, ${s}) AS u_d2, pg_temp.u(g.ord * 64 + 8, ${s}) AS u_error
          FROM g_company c
          CROSS JOIN LATERAL generate_series(c.event_offset + 1, c.event_offset + c.n_events) AS g (ord)
          WHERE c.event_batch = $1
          OFFSET 0
        ) r
        JOIN g_slot gs1 ON gs1.slot = r.slot1
        OFFSET 0
      ) t
      OFFSET 0
     ) u
     OFFSET 0
    ) v
    JOIN g_slot gs ON gs.slot = v.slot
    OFFSET 0
  ) w
  OFFSET 0
) x`;
}

function tokensSql(plan: Plan): { sql: string; tokens: SeedToken[] } {
  const sha = (expr: string): string => `encode(sha256(convert_to(${expr}, 'UTF8')), 'hex')`;
  const named: { token: string; role: SeedToken['role']; ord: number | null; label: string }[] =
    plan.preset === 'demo'
      ? [
          { token: demoTokens.clinicA, role: 'clinic', ord: 1, label: 'demo: clinic A' },
          { token: demoTokens.clinicB, role: 'clinic', ord: 2, label: 'demo: clinic B' },
          { token: demoTokens.product, role: 'product', ord: null, label: 'demo: product team' },
          { token: demoTokens.cs, role: 'cs', ord: null, label: 'demo: customer success' },
        ]
      : [
          { token: seedInternalTokens.product, role: 'product', ord: null, label: 'seed: product team' },
          { token: seedInternalTokens.cs, role: 'cs', ord: null, label: 'seed: customer success' },
        ];
  const values = named
    .map(
      (t) =>
        `(${t.ord === null ? 'NULL::int' : num(t.ord)}, ${lit(t.role)}, ${lit(t.label)}, ${lit(hashToken(t.token))})`,
    )
    .join(', ');
  const namedOrds = named.flatMap((t) => (t.ord === null ? [] : [t.ord]));
  const sql = `
INSERT INTO api_tokens (company_id, role, label, token_hash, created_at)
SELECT c.id, n.role, n.label, n.token_hash, ${lit(fx.calendar.asOf + 'T00:00:00-03:00')}::timestamptz
FROM (VALUES ${values}) AS n (ord, role, label, token_hash)
LEFT JOIN g_company c ON c.ord = n.ord
ON CONFLICT (token_hash) DO NOTHING;
INSERT INTO api_tokens (company_id, role, label, token_hash, created_at)
SELECT id, 'clinic', 'seed: company ' || id, ${sha(`'seed-company-' || id`)}, created_at
FROM g_company
WHERE ord <> ALL (ARRAY[${namedOrds.map(num).join(', ')}]::int[])
ORDER BY ord
ON CONFLICT (token_hash) DO NOTHING;`;
  return {
    sql,
    tokens: named.map((t) => ({
      token: t.token,
      role: t.role,
      companyId: t.ord === null ? null : String(t.ord),
    })),
  };
}

interface SavedDefinition {
  drop: string;
  create: string;
}

/** Secondary indexes, unique and foreign-key constraints of the bulk tables, to drop and rebuild around a load. */
async function secondaryDefinitions(
  client: pg.ClientBase,
): Promise<{ indexes: SavedDefinition[]; constraints: SavedDefinition[] }> {
  const tables = `('patients'::regclass, 'appointments'::regclass, 'app_events'::regclass)`;
  const constraints = await client.query<{ tbl: string; name: string; def: string; contype: string }>(`
    SELECT conrelid::regclass::text AS tbl, quote_ident(conname) AS name, pg_get_constraintdef(oid) AS def, contype::text
    FROM pg_constraint WHERE conrelid IN ${tables} AND contype IN ('f', 'u')
    ORDER BY contype DESC, conname`);
  const indexes = await client.query<{ name: string; def: string }>(`
    SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
    FROM pg_index i
    WHERE i.indrelid IN ${tables} AND NOT i.indisprimary
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid)
    ORDER BY 1`);
  return {
    indexes: indexes.rows.map((r) => ({ drop: `DROP INDEX ${r.name}`, create: r.def })),
    constraints: constraints.rows.map((r) => ({
      drop: `ALTER TABLE ${r.tbl} DROP CONSTRAINT ${r.name}`,
      create: `ALTER TABLE ${r.tbl} ADD CONSTRAINT ${r.name} ${r.def}`,
    })),
  };
}

async function withClient<T>(target: Queryable, work: (client: pg.ClientBase) => Promise<T>): Promise<T> {
  if (typeof target === 'string') {
    const client = new pg.Client({ connectionString: target, application_name: 'seed' });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }
  const client = await target.connect();
  try {
    return await work(client);
  } finally {
    client.release();
  }
}

/**
 * Generates a dataset into a migrated database (a URL or a pool). Appends to existing data: ids continue after
 * the current maximum, so seeding a fresh database gives the same ids every time.
 */
export async function seed(target: Queryable, options: SeedOptions = {}): Promise<SeedResult> {
  const plan = resolvePlan(options);
  const started = performance.now();
  const phases: SeedPhase[] = [];
  const report = options.onProgress ?? (() => undefined);

  return withClient(target, async (client) => {
    const size = async (): Promise<number> =>
      Number(
        (await client.query<{ b: string }>('SELECT pg_database_size(current_database()) AS b')).rows[0]?.b ??
          0,
      );
    const phase = async (name: string, rows: number, since: number): Promise<void> => {
      phases.push({
        phase: name,
        rows,
        ms: Math.round(performance.now() - since),
        databaseBytes: await size(),
      });
    };
    const batched = async (name: string, sql: string, batches: number, totalRows: number): Promise<void> => {
      const since = performance.now();
      let rows = 0;
      for (let batch = 0; batch < batches; batch++) {
        rows += (await client.query(sql, [batch])).rowCount ?? 0;
        report({
          phase: name,
          rows,
          totalRows,
          batch: batch + 1,
          batches,
          elapsedMs: Math.round(performance.now() - since),
        });
      }
      await phase(name, rows, since);
    };

    await client.query('BEGIN');
    try {
      let since = performance.now();
      await client.query(`SET LOCAL statement_timeout = 0; SET LOCAL work_mem = '64MB';
                          SET LOCAL maintenance_work_mem = '512MB'; SET LOCAL synchronous_commit = off;
                          SET LOCAL jit = off;`);
      await client.query(SETUP);
      const maxIds = (
        await client.query<{ c: string; p: string; a: string; e: string }>(`
          SELECT (SELECT coalesce(max(id), 0) FROM companies) AS c, (SELECT coalesce(max(id), 0) FROM patients) AS p,
                 (SELECT coalesce(max(id), 0) FROM appointments) AS a, (SELECT coalesce(max(id), 0) FROM app_events) AS e`)
      ).rows[0];
      const base = {
        company: Number(maxIds?.c ?? 0),
        patient: Number(maxIds?.p ?? 0),
        appointment: Number(maxIds?.a ?? 0),
        event: Number(maxIds?.e ?? 0),
      };
      await client.query(calendarSql());
      await client.query(companiesSql(plan, base));
      const tokens = tokensSql(plan);
      await client.query(tokens.sql);
      await phase('companies', plan.companies, since);
      report({
        phase: 'companies',
        rows: plan.companies,
        totalRows: plan.companies,
        batch: 1,
        batches: 1,
        elapsedMs: Math.round(performance.now() - since),
      });

      const batchCount = async (column: string): Promise<number> => {
        const { rows } = await client.query<{ n: number }>(
          `SELECT coalesce(max(${column}), -1)::int + 1 AS n FROM g_company`,
        );
        return rows[0]?.n ?? 0;
      };

      let saved: { indexes: SavedDefinition[]; constraints: SavedDefinition[] } | undefined;
      if (plan.bulk) {
        since = performance.now();
        saved = await secondaryDefinitions(client);
        for (const c of saved.constraints) await client.query(c.drop);
        for (const i of saved.indexes) await client.query(i.drop);
        await phase('drop secondary indexes', saved.indexes.length + saved.constraints.length, since);
      }

      await batched('patients', patientsSql(plan, base), await batchCount('patient_batch'), plan.patients);
      if (!plan.bulk) await client.query('ANALYZE patients');
      await batched(
        'appointments',
        appointmentsSql(plan, base),
        await batchCount('appt_batch'),
        plan.appointments,
      );
      await batched('app_events', eventsSql(plan, base), await batchCount('event_batch'), plan.appEvents);

      if (saved) {
        since = performance.now();
        for (const i of saved.indexes) await client.query(i.create);
        for (const c of saved.constraints) await client.query(c.create);
        await phase(
          'rebuild indexes and foreign keys',
          saved.indexes.length + saved.constraints.length,
          since,
        );
      }

      since = performance.now();
      for (const table of ['companies', 'api_tokens', 'patients', 'appointments', 'app_events']) {
        await client.query(
          `SELECT setval(pg_get_serial_sequence($1, 'id'), max(id)) FROM ${table} HAVING max(id) > 0`,
          [table],
        );
      }
      const ids = (
        await client.query<{ first: string; last: string }>(
          'SELECT min(id)::text AS first, max(id)::text AS last FROM g_company',
        )
      ).rows[0];
      await client.query('COMMIT');
      await phase('commit', 0, since);

      since = performance.now();
      // VACUUM also sets hint bits and the visibility map, so the first benchmark does not pay for them.
      // It cannot run in a transaction, so a pool's statement_timeout would apply: lift it for this call.
      await client.query('SET statement_timeout = 0');
      try {
        await client.query(
          plan.bulk
            ? 'VACUUM (ANALYZE) companies, api_tokens, patients, appointments, app_events'
            : 'ANALYZE companies, api_tokens, patients, appointments, app_events',
        );
      } finally {
        await client.query('RESET statement_timeout');
      }
      await phase(plan.bulk ? 'vacuum analyze' : 'analyze', 0, since);

      const firstId = ids?.first ?? '0';
      return {
        preset: plan.preset,
        seed: plan.seed,
        companies: plan.companies,
        patients: plan.patients,
        appointments: plan.appointments,
        appEvents: plan.appEvents,
        companyIds: { first: firstId, last: ids?.last ?? '0' },
        tokens: tokens.tokens.map((t) => ({
          ...t,
          companyId: t.companyId === null ? null : String(BigInt(firstId) + BigInt(t.companyId) - 1n),
        })),
        phases,
        totalMs: Math.round(performance.now() - started),
      };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  });
}

/** md5 of every generated table's rows in key order: equal checksums mean identical data. */
export async function dataChecksum(target: Queryable): Promise<Record<string, string>> {
  return withClient(target, async (client) => {
    const result: Record<string, string> = {};
    for (const table of ['companies', 'api_tokens', 'patients', 'appointments', 'app_events']) {
      const { rows } = await client.query<{ md5: string | null }>(
        `SELECT md5(string_agg(t::text, E'\\n' ORDER BY t.id)) AS md5 FROM ${table} t`,
      );
      result[table] = rows[0]?.md5 ?? '';
    }
    return result;
  });
}
