// Kysely types for migration 002 (report runs, idempotency keys, append-only audit log). They extend the
// Database interface of schema.ts by declaration merging, so Kysely<Database> knows these tables everywhere.
import type { ColumnType, Generated, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** bigint columns come back from pg as strings. */
type Id = ColumnType<string, string | number | bigint, string | number | bigint>;
type GeneratedAlways = ColumnType<string, never, never>;

export type ReportRunStatusColumn = 'queued' | 'running' | 'succeeded' | 'failed' | 'canceled' | 'expired';

export interface ReportRunsTable {
  company_id: Id;
  id: Generated<string>;
  seq: GeneratedAlways;
  type: 'appointments' | 'patients' | 'monthly_summary';
  format: 'csv' | 'xlsx';
  parameters: ColumnType<Record<string, unknown>, string, string>;
  status: Generated<ReportRunStatusColumn>;
  attempts: Generated<number>;
  job_id: string;
  request_id: string | null;
  created_by: Id | null;
  created_at: DefaultedTimestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  canceled_at: Timestamp | null;
  expired_at: Timestamp | null;
  expires_at: Timestamp | null;
  lease_owner: string | null;
  lease_expires_at: Timestamp | null;
  error_code: string | null;
  error_message: string | null;
  storage_key: string | null;
  file_name: string | null;
  content_type: string | null;
  row_count: Id | null;
  byte_size: Id | null;
  sha256: string | null;
  columns: string[] | null;
}

export interface IdempotencyKeysTable {
  company_id: Id;
  key: string;
  request_hash: string;
  run_id: string;
  created_at: DefaultedTimestamp;
  expires_at: Timestamp;
}

export interface AuditEventsTable {
  company_id: Id;
  id: GeneratedAlways;
  occurred_at: DefaultedTimestamp;
  action: string;
  actor_token_id: Id | null;
  actor_role: string;
  resource_type: string;
  resource_id: string;
  request_id: string | null;
  client_address: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
}

declare module './schema.ts' {
  interface Database {
    report_runs: ReportRunsTable;
    idempotency_keys: IdempotencyKeysTable;
    audit_events: AuditEventsTable;
  }
}

export type ReportRunRow = Selectable<ReportRunsTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;
