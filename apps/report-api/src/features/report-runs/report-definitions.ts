// What each report type exports: its columns (only those the report needs: LGPD data minimisation) and
// the one SQL query that produces them, already formatted as text so CSV and XLSX agree to the byte.
// The SQL is built with literals, not bind parameters, because COPY (...) TO STDOUT cannot take
// parameters; every literal goes through escapeLiteral or is a validated number.
import pg from 'pg';
import type { ReportFormat, ReportType } from '@repo/contract';
import {
  appointmentsReportParameters,
  monthlySummaryReportParameters,
  patientsReportParameters,
} from '@repo/contract';

export type ColumnKind = 'text' | 'integer' | 'decimal' | 'timestamp' | 'date' | 'boolean';

export interface ReportColumn {
  name: string;
  kind: ColumnKind;
}

export interface ReportQuery {
  columns: ReportColumn[];
  /** A SELECT whose output columns are exactly `columns`, in order. */
  sql: string;
  /** The count of rows the SELECT returns (used by tests and the benchmark to check completeness). */
  countSql: string;
}

const literal = (value: string): string => pg.escapeLiteral(value);

function companyLiteral(companyId: string): string {
  if (!/^[1-9][0-9]{0,18}$/.test(companyId)) throw new Error(`invalid company id: ${companyId}`);
  return companyId;
}

/** Inclusive calendar dates, read as UTC days. */
function periodPredicate(column: string, from: string, to: string): string {
  return (
    `${column} >= (${literal(from)}::date)::timestamp AT TIME ZONE 'UTC' AND ` +
    `${column} < ((${literal(to)}::date) + 1)::timestamp AT TIME ZONE 'UTC'`
  );
}

const iso = (column: string): string => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

function appointments(companyId: string, parameters: unknown): ReportQuery {
  const p = appointmentsReportParameters.parse(parameters);
  const where = [`a.company_id = ${companyLiteral(companyId)}`, periodPredicate('a.starts_at', p.from, p.to)];
  if (p.status) where.push(`a.status IN (${p.status.map(literal).join(', ')})`);
  if (p.specialty) where.push(`a.specialty = ${literal(p.specialty)}`);
  if (p.professional) where.push(`a.professional = ${literal(p.professional)}`);
  const from = `FROM appointments a WHERE ${where.join(' AND ')}`;
  return {
    columns: [
      { name: 'appointment_id', kind: 'integer' },
      { name: 'patient_id', kind: 'integer' },
      { name: 'starts_at', kind: 'timestamp' },
      { name: 'booked_at', kind: 'timestamp' },
      { name: 'professional', kind: 'text' },
      { name: 'specialty', kind: 'text' },
      { name: 'status', kind: 'text' },
      { name: 'price', kind: 'decimal' },
      { name: 'reminder_sent', kind: 'boolean' },
    ],
    sql:
      `SELECT a.id AS appointment_id, a.patient_id, ${iso('a.starts_at')} AS starts_at, ` +
      `${iso('a.booked_at')} AS booked_at, a.professional, a.specialty, a.status, ` +
      `(a.price_cents / 100.0)::numeric(12,2) AS price, a.reminder_sent::text AS reminder_sent ` +
      `${from} ORDER BY a.starts_at, a.id`,
    countSql: `SELECT count(*)::bigint AS n ${from}`,
  };
}

function patients(companyId: string, parameters: unknown): ReportQuery {
  const p = patientsReportParameters.parse(parameters);
  const where = [`p.company_id = ${companyLiteral(companyId)}`];
  if (p.createdFrom)
    where.push(`p.created_at >= (${literal(p.createdFrom)}::date)::timestamp AT TIME ZONE 'UTC'`);
  if (p.createdTo)
    where.push(`p.created_at < ((${literal(p.createdTo)}::date) + 1)::timestamp AT TIME ZONE 'UTC'`);
  const from = `FROM patients p WHERE ${where.join(' AND ')}`;
  // Health flags (hypertension, diabetes, ...) and external references are deliberately not exported.
  return {
    columns: [
      { name: 'patient_id', kind: 'integer' },
      { name: 'registered_on', kind: 'date' },
      { name: 'birth_year', kind: 'integer' },
      { name: 'sex', kind: 'text' },
      { name: 'neighbourhood', kind: 'text' },
      { name: 'reminder_opt_in', kind: 'boolean' },
    ],
    sql:
      `SELECT p.id AS patient_id, to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS registered_on, ` +
      `p.birth_year, p.sex, p.neighbourhood, p.reminder_opt_in::text AS reminder_opt_in ${from} ORDER BY p.id`,
    countSql: `SELECT count(*)::bigint AS n ${from}`,
  };
}

function monthlySummary(companyId: string, parameters: unknown): ReportQuery {
  const p = monthlySummaryReportParameters.parse(parameters);
  const from =
    `FROM appointments a WHERE a.company_id = ${companyLiteral(companyId)} AND ` +
    periodPredicate('a.starts_at', p.from, p.to);
  const grouped = `${from} GROUP BY 1, 2, 3`;
  return {
    columns: [
      { name: 'month', kind: 'text' },
      { name: 'professional', kind: 'text' },
      { name: 'specialty', kind: 'text' },
      { name: 'appointments', kind: 'integer' },
      { name: 'completed', kind: 'integer' },
      { name: 'no_shows', kind: 'integer' },
      { name: 'no_show_rate', kind: 'decimal' },
      { name: 'revenue', kind: 'decimal' },
    ],
    sql:
      `SELECT to_char(a.starts_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, a.professional, a.specialty, ` +
      `count(*) AS appointments, count(*) FILTER (WHERE a.status = 'completed') AS completed, ` +
      `count(*) FILTER (WHERE a.status = 'no_show') AS no_shows, ` +
      `round(count(*) FILTER (WHERE a.status = 'no_show')::numeric / ` +
      `nullif(count(*) FILTER (WHERE a.status IN ('completed', 'no_show')), 0), 4) AS no_show_rate, ` +
      `(coalesce(sum(a.price_cents) FILTER (WHERE a.status = 'completed'), 0) / 100.0)::numeric(14,2) AS revenue ` +
      `${grouped} ORDER BY 1, 2, 3`,
    countSql: `SELECT count(*)::bigint AS n FROM (SELECT 1 ${grouped}) g`,
  };
}

export function reportQuery(type: ReportType, companyId: string, parameters: unknown): ReportQuery {
  switch (type) {
    case 'appointments':
      return appointments(companyId, parameters);
    case 'patients':
      return patients(companyId, parameters);
    case 'monthly_summary':
      return monthlySummary(companyId, parameters);
  }
}

export const contentTypes: Record<ReportFormat, string> = {
  csv: 'text/csv; charset=utf-8; header=present',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** A download name that says what the file is, e.g. appointments-2026-01-01_2026-01-31-3f2a9c1e.csv */
export function fileNameFor(
  type: ReportType,
  format: ReportFormat,
  parameters: Record<string, unknown>,
  runId: string,
): string {
  const from = typeof parameters.from === 'string' ? parameters.from : undefined;
  const to = typeof parameters.to === 'string' ? parameters.to : undefined;
  const period = from && to ? `-${from}_${to}` : '';
  return `${type.replaceAll('_', '-')}${period}-${runId.slice(0, 8)}.${format}`;
}
