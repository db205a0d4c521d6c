// Loads appointments, their patients and clinics from a CSV export (decision 062). Rows are parsed by
// csv-parse, validated one by one (a bad row is reported with its line number and skipped) and written in
// batches, one transaction each. Idempotent on external references: appointments upsert on
// (company_id, external_ref) only when a value differs, patients are created on first sight, so importing
// the same file again changes nothing.
import type { Readable } from 'node:stream';
import type pg from 'pg';
import { parse } from 'csv-parse';
import { ImportError, resolveColumns, type LayoutField, type Mapping } from './csv-layout.ts';
import {
  parseBoolean,
  parseInteger,
  parsePriceCents,
  parseSex,
  parseStatus,
  parseTimestamp,
  ValueError,
} from './csv-values.ts';

export interface ImportOptions {
  mapping: Mapping;
  /** External reference or name of the clinic for rows without clinic_ref (created when unknown). */
  company?: string | undefined;
  batchSize?: number;
  onProgress?: (progress: ImportProgress) => void;
}

export interface RowError {
  line: number;
  reason: string;
}

export interface ImportProgress {
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  duplicates: number;
  skipped: number;
}

export interface ImportReport extends ImportProgress {
  errors: RowError[];
  patientsCreated: number;
  companiesCreated: string[];
  ms: number;
}

interface ImportRow {
  line: number;
  clinicKey: string;
  clinicName: string | null;
  appointmentRef: string;
  patientRef: string;
  bookedAt: Date;
  startsAt: Date;
  status: 'scheduled' | 'completed' | 'cancelled' | 'no_show';
  sex: 'F' | 'M' | 'X' | null;
  birthYear: number | null;
  neighbourhood: string | null;
  hypertension: boolean;
  diabetes: boolean;
  alcoholism: boolean;
  handicap: boolean;
  reminderSent: boolean;
  priceCents: number;
  professional: string;
  specialty: string;
}

const DAY_MS = 86_400_000;

function rowReader(
  index: Partial<Record<LayoutField, number>>,
  mapping: Mapping,
  fallbackClinic: string | undefined,
) {
  const cell = (record: string[], field: LayoutField): string => {
    const at = index[field];
    const raw = at === undefined ? '' : (record[at] ?? '').trim();
    return mapping.values[field]?.[raw] ?? raw;
  };
  const text = (record: string[], field: LayoutField, max: number): string | null => {
    const value = cell(record, field);
    if (value === '') return null;
    if (value.length > max) throw new ValueError(`${field} is longer than ${max} characters`);
    return value;
  };
  const flag = (record: string[], field: LayoutField): boolean =>
    parseBoolean(cell(record, field), field) ?? false;

  return (record: string[], line: number): ImportRow => {
    const appointmentRef = text(record, 'appointment_ref', 200);
    if (!appointmentRef) throw new ValueError('appointment_ref is empty');
    const patientRef = text(record, 'patient_ref', 200);
    if (!patientRef) throw new ValueError('patient_ref is empty');
    const clinicKey = text(record, 'clinic_ref', 200) ?? fallbackClinic;
    if (!clinicKey) throw new ValueError('no clinic: add a clinic_ref column or pass --company');
    const bookedAt = parseTimestamp(cell(record, 'booked_at'), 'booked_at', {
      timeZone: mapping.timeZone,
      dateOnly: mapping.dateOnly.includes('booked_at'),
    });
    const startsAt = parseTimestamp(cell(record, 'starts_at'), 'starts_at', {
      timeZone: mapping.timeZone,
      dateOnly: mapping.dateOnly.includes('starts_at'),
    });
    if (bookedAt.getTime() > startsAt.getTime() + DAY_MS) {
      throw new ValueError(
        `booked_at ${bookedAt.toISOString()} is more than a day after starts_at ${startsAt.toISOString()}`,
      );
    }
    let status: ImportRow['status'];
    if (index.status !== undefined && cell(record, 'status') !== '')
      status = parseStatus(cell(record, 'status'));
    else {
      const noShow = parseBoolean(cell(record, 'no_show'), 'no_show');
      if (noShow === null) throw new ValueError('status is empty');
      status = noShow ? 'no_show' : 'completed';
    }
    const age = parseInteger(cell(record, 'age'), 'age', 0, 130);
    const birthYear =
      parseInteger(cell(record, 'birth_year'), 'birth_year', 1900, 2100) ??
      (age === null ? null : startsAt.getUTCFullYear() - age);
    const priceCents =
      parseInteger(cell(record, 'price_cents'), 'price_cents', 0, 2_000_000_000) ??
      parsePriceCents(cell(record, 'price')) ??
      0;
    return {
      line,
      clinicKey,
      clinicName: text(record, 'clinic_name', 200),
      appointmentRef,
      patientRef,
      bookedAt,
      startsAt,
      status,
      sex: parseSex(cell(record, 'sex')),
      birthYear,
      neighbourhood: text(record, 'neighbourhood', 100),
      hypertension: flag(record, 'hypertension'),
      diabetes: flag(record, 'diabetes'),
      alcoholism: flag(record, 'alcoholism'),
      handicap: flag(record, 'handicap'),
      reminderSent: flag(record, 'reminder_sent'),
      priceCents,
      professional: text(record, 'professional', 200) ?? 'unknown',
      specialty: text(record, 'specialty', 100) ?? 'general',
    };
  };
}

async function resolveCompany(
  client: pg.PoolClient,
  key: string,
  name: string | null,
  mapping: Mapping,
): Promise<{ id: string; created: boolean }> {
  const byRef = await client.query<{ id: string }>('SELECT id FROM companies WHERE external_ref = $1', [key]);
  if (byRef.rows[0]) return { id: byRef.rows[0].id, created: false };
  const byName = await client.query<{ id: string }>('SELECT id FROM companies WHERE name = $1 LIMIT 2', [
    key,
  ]);
  if (byName.rows.length > 1)
    throw new ImportError(`more than one clinic is named "${key}": use its external ref`);
  if (byName.rows[0]) return { id: byName.rows[0].id, created: false };
  const { plan, specialty, city, state } = mapping.company;
  const inserted = await client.query<{ id: string }>(
    `INSERT INTO companies (name, plan, specialty, city, state, external_ref) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (external_ref) DO UPDATE SET external_ref = EXCLUDED.external_ref RETURNING id`,
    [(name ?? key).slice(0, 200), plan, specialty, city, state, key],
  );
  return { id: inserted.rows[0]?.id ?? '', created: true };
}

const PATIENTS_SQL = `
INSERT INTO patients (company_id, external_ref, created_at, birth_year, sex, neighbourhood, hypertension, diabetes,
                      alcoholism, handicap)
SELECT * FROM unnest($1::bigint[], $2::text[], $3::timestamptz[], $4::smallint[], $5::text[], $6::text[],
                     $7::boolean[], $8::boolean[], $9::boolean[], $10::boolean[])
ON CONFLICT (company_id, external_ref) DO NOTHING
RETURNING 1`;

const APPOINTMENTS_SQL = `
INSERT INTO appointments (company_id, patient_id, professional, specialty, booked_at, starts_at, status, price_cents,
                          reminder_sent, external_ref)
SELECT r.company_id, p.id, r.professional, r.specialty, r.booked_at, r.starts_at, r.status, r.price_cents,
       r.reminder_sent, r.external_ref
FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::text[],
            $8::integer[], $9::boolean[], $10::text[])
  AS r(company_id, patient_ref, professional, specialty, booked_at, starts_at, status, price_cents, reminder_sent,
       external_ref)
JOIN patients p ON p.company_id = r.company_id AND p.external_ref = r.patient_ref
ON CONFLICT (company_id, external_ref) DO UPDATE SET
  patient_id = EXCLUDED.patient_id, professional = EXCLUDED.professional, specialty = EXCLUDED.specialty,
  booked_at = EXCLUDED.booked_at, starts_at = EXCLUDED.starts_at, status = EXCLUDED.status,
  price_cents = EXCLUDED.price_cents, reminder_sent = EXCLUDED.reminder_sent
WHERE (appointments.patient_id, appointments.professional, appointments.specialty, appointments.booked_at,
       appointments.starts_at, appointments.status, appointments.price_cents, appointments.reminder_sent)
  IS DISTINCT FROM
      (EXCLUDED.patient_id, EXCLUDED.professional, EXCLUDED.specialty, EXCLUDED.booked_at, EXCLUDED.starts_at,
       EXCLUDED.status, EXCLUDED.price_cents, EXCLUDED.reminder_sent)
RETURNING (xmax = 0) AS inserted`;

export async function importAppointments(
  pool: pg.Pool,
  input: Readable,
  options: ImportOptions,
): Promise<ImportReport> {
  const started = performance.now();
  const batchSize = options.batchSize ?? 1000;
  const report: ImportReport = {
    rowsRead: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    duplicates: 0,
    skipped: 0,
    errors: [],
    patientsCreated: 0,
    companiesCreated: [],
    ms: 0,
  };
  const companies = new Map<string, string>();
  const seenRefs = new Set<string>();
  let readRow: ((record: string[], line: number) => ImportRow) | undefined;
  let columnCount = 0;
  let batch: ImportRow[] = [];

  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      for (const row of rows) {
        if (!companies.has(row.clinicKey)) {
          const company = await resolveCompany(client, row.clinicKey, row.clinicName, options.mapping);
          companies.set(row.clinicKey, company.id);
          if (company.created) report.companiesCreated.push(row.clinicKey);
        }
      }
      const companyOf = (row: ImportRow): string => companies.get(row.clinicKey) ?? '';
      // A patient appears in many rows: its first row in the file describes it.
      const patients = new Map<string, ImportRow>();
      for (const row of rows) {
        const key = `${companyOf(row)}\u0000${row.patientRef}`;
        const first = patients.get(key);
        if (!first) patients.set(key, row);
        else if (row.bookedAt < first.bookedAt) patients.set(key, { ...first, bookedAt: row.bookedAt });
      }
      const p = [...patients.values()];
      const createdPatients = await client.query(PATIENTS_SQL, [
        p.map(companyOf),
        p.map((r) => r.patientRef),
        p.map((r) => r.bookedAt),
        p.map((r) => r.birthYear),
        p.map((r) => r.sex),
        p.map((r) => r.neighbourhood),
        p.map((r) => r.hypertension),
        p.map((r) => r.diabetes),
        p.map((r) => r.alcoholism),
        p.map((r) => r.handicap),
      ]);
      const written = await client.query<{ inserted: boolean }>(APPOINTMENTS_SQL, [
        rows.map(companyOf),
        rows.map((r) => r.patientRef),
        rows.map((r) => r.professional),
        rows.map((r) => r.specialty),
        rows.map((r) => r.bookedAt),
        rows.map((r) => r.startsAt),
        rows.map((r) => r.status),
        rows.map((r) => r.priceCents),
        rows.map((r) => r.reminderSent),
        rows.map((r) => r.appointmentRef),
      ]);
      await client.query('COMMIT');
      const inserted = written.rows.filter((r) => r.inserted).length;
      report.patientsCreated += createdPatients.rowCount ?? 0;
      report.inserted += inserted;
      report.updated += written.rows.length - inserted;
      report.unchanged += rows.length - written.rows.length;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    options.onProgress?.({ ...report });
  };

  const parser = input.pipe(
    parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true, relax_quotes: false }),
  );
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      if (!readRow) {
        const index = resolveColumns(record, options.mapping);
        columnCount = record.length;
        readRow = rowReader(index, options.mapping, options.company);
        continue;
      }
      report.rowsRead++;
      const line = info.lines;
      if (record.length !== columnCount) {
        report.skipped++;
        report.errors.push({ line, reason: `expected ${columnCount} fields, found ${record.length}` });
        continue;
      }
      let row: ImportRow;
      try {
        row = readRow(record, line);
      } catch (error) {
        if (!(error instanceof ValueError)) throw error;
        report.skipped++;
        report.errors.push({ line, reason: error.message });
        continue;
      }
      const refKey = `${row.clinicKey}\u0000${row.appointmentRef}`;
      if (seenRefs.has(refKey)) {
        report.duplicates++;
        continue;
      }
      seenRefs.add(refKey);
      batch.push(row);
      if (batch.length >= batchSize) await flush();
    }
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('CSV_')) {
      const lines = (error as { lines?: unknown }).lines;
      throw new ImportError(
        `the file is not valid CSV near line ${typeof lines === 'number' ? lines : '?'}: ${(error as Error).message}`,
      );
    }
    throw error;
  }
  if (!readRow) throw new ImportError('the file is empty: expected a header line');
  await flush();
  report.ms = performance.now() - started;
  return report;
}
