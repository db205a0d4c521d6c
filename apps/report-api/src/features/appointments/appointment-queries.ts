// Appointment reads, always filtered by company_id first so every query runs on the
// (company_id, starts_at desc, id desc) index; pagination is keyset on (starts_at, id), never OFFSET.
import { sql, type Kysely } from 'kysely';
import type { Appointment, AppointmentListQuery } from '@repo/contract';
import type { Database } from '@repo/db';

export interface AppointmentKey {
  /** starts_at in UTC with microseconds (the full precision of timestamptz). */
  startsAt: string;
  id: string;
}

const startsKey = sql<string>`to_char(starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

function baseQuery(db: Kysely<Database>, companyId: string) {
  return db
    .selectFrom('appointments')
    .select([
      'id',
      'patient_id',
      'professional',
      'specialty',
      'status',
      'booked_at',
      'starts_at',
      'price_cents',
      'reminder_sent',
      startsKey.as('starts_key'),
    ])
    .where('company_id', '=', companyId);
}

interface Row {
  id: string;
  patient_id: string;
  professional: string;
  specialty: string;
  status: Appointment['status'];
  booked_at: Date;
  starts_at: Date;
  price_cents: number;
  reminder_sent: boolean;
}

function toAppointment(row: Row): Appointment {
  return {
    id: row.id,
    patientId: row.patient_id,
    professional: row.professional,
    specialty: row.specialty,
    status: row.status,
    bookedAt: row.booked_at.toISOString(),
    startsAt: row.starts_at.toISOString(),
    priceCents: row.price_cents,
    reminderSent: row.reminder_sent,
  };
}

export async function listAppointments(
  db: Kysely<Database>,
  companyId: string,
  query: Omit<AppointmentListQuery, 'cursor'>,
  after: AppointmentKey | undefined,
): Promise<{ items: Appointment[]; next: AppointmentKey | undefined }> {
  let q = baseQuery(db, companyId);
  // Days are the clinic's local days (companies.timezone); the zone is read once per query (InitPlan).
  const zone = sql<string>`(SELECT timezone FROM companies WHERE id = ${companyId})`;
  if (query.from)
    q = q.where('starts_at', '>=', sql<Date>`(${query.from}::date::timestamp AT TIME ZONE ${zone})`);
  if (query.to) {
    q = q.where('starts_at', '<', sql<Date>`((${query.to}::date + 1)::timestamp AT TIME ZONE ${zone})`);
  }
  if (query.status) q = q.where('status', '=', query.status);
  if (query.professional) q = q.where('professional', '=', query.professional);
  if (query.specialty) q = q.where('specialty', '=', query.specialty);
  if (query.patientId) q = q.where('patient_id', '=', query.patientId);
  if (after) {
    q = q.where((eb) =>
      eb(
        eb.refTuple('starts_at', 'id'),
        '<',
        eb.tuple(sql<Date>`${after.startsAt}::timestamptz`, sql<string>`${after.id}::bigint`),
      ),
    );
  }
  const rows = await q
    .orderBy('starts_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toAppointment),
    next: rows.length > query.limit && last ? { startsAt: last.starts_key, id: last.id } : undefined,
  };
}

export async function findAppointment(
  db: Kysely<Database>,
  companyId: string,
  id: string,
): Promise<Appointment | undefined> {
  const row = await baseQuery(db, companyId).where('id', '=', id).executeTakeFirst();
  return row ? toAppointment(row) : undefined;
}
