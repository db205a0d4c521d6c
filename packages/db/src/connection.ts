// One way to open the database everywhere (API, worker, scripts, tests): a pg Pool with timeouts on
// everything that waits, wrapped by Kysely for typed queries.
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from './schema.ts';

// bigint (int8) and numeric stay strings by default; counts are cast in SQL where a number is wanted.
export interface PoolOptions {
  connectionString: string;
  max?: number;
  /** Milliseconds a query may run before PostgreSQL cancels it. */
  statementTimeoutMs?: number;
  /** Milliseconds to wait for a free connection before failing. */
  acquireTimeoutMs?: number;
  applicationName?: string;
}

export function createPool(options: PoolOptions): pg.Pool {
  return new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.acquireTimeoutMs ?? 5_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: options.statementTimeoutMs ?? 15_000,
    idle_in_transaction_session_timeout: 60_000,
    application_name: options.applicationName ?? 'clinic-reports',
  });
}

export function createDb(pool: pg.Pool): Kysely<Database> {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** Replaces the database name in a PostgreSQL connection URL. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
