// Kysely table types for the schema in ../migrations. schema.test.ts checks them against the live database,
// so a migration that is not reflected here fails the tests instead of drifting silently.
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** bigint columns come back from pg as strings: ids are strings in TypeScript. */
type Id = ColumnType<string, string | number | bigint, string | number | bigint>;
type GeneratedId = ColumnType<string, string | number | bigint | undefined, never>;

export interface CompaniesTable {
  id: GeneratedId;
  name: string;
  plan: 'free' | 'basic' | 'pro' | 'enterprise';
  specialty: string;
  city: string;
  state: string;
  timezone: Generated<string>;
  status: Generated<'active' | 'churned'>;
  created_at: DefaultedTimestamp;
  churned_at: Timestamp | null;
  external_ref: string | null;
}

export type Role = 'clinic' | 'product' | 'cs';

export interface ApiTokensTable {
  id: GeneratedId;
  company_id: Id | null;
  role: Role;
  label: string;
  token_hash: string;
  created_at: DefaultedTimestamp;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface PatientsTable {
  company_id: Id;
  id: GeneratedId;
  created_at: DefaultedTimestamp;
  name: string | null;
  email: string | null;
  birth_year: number | null;
  sex: 'F' | 'M' | 'X' | null;
  neighbourhood: string | null;
  hypertension: Generated<boolean>;
  diabetes: Generated<boolean>;
  alcoholism: Generated<boolean>;
  handicap: Generated<boolean>;
  reminder_opt_in: Generated<boolean>;
  external_ref: string | null;
}

export type AppointmentStatus = 'scheduled' | 'completed' | 'cancelled' | 'no_show';

export interface AppointmentsTable {
  company_id: Id;
  id: GeneratedId;
  patient_id: Id;
  professional: string;
  specialty: string;
  booked_at: Timestamp;
  starts_at: Timestamp;
  duration_minutes: Generated<number>;
  status: AppointmentStatus;
  price_cents: Generated<number>;
  reminder_sent: Generated<boolean>;
  external_ref: string | null;
}

export type EventOutcome = 'ok' | 'error' | 'timeout';

export interface AppEventsTable {
  company_id: Id;
  id: GeneratedId;
  action: string;
  occurred_at: Timestamp;
  duration_ms: Generated<number>;
  outcome: EventOutcome;
}

export interface Database {
  companies: CompaniesTable;
  api_tokens: ApiTokensTable;
  patients: PatientsTable;
  appointments: AppointmentsTable;
  app_events: AppEventsTable;
}

export type Company = Selectable<CompaniesTable>;
export type ApiToken = Selectable<ApiTokensTable>;
export type NewCompany = Insertable<CompaniesTable>;
export type Patient = Selectable<PatientsTable>;
export type Appointment = Selectable<AppointmentsTable>;
export type AppEvent = Selectable<AppEventsTable>;
