// Test helpers for HTTP-level platform tests: a real server on port 0 over a fresh database cloned from the
// migrated template, and a few small clinics with known tokens, patients and appointments.
import { Writable } from 'node:stream';
import { expect } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { pino, type Logger } from 'pino';
import { problemSchema, slugOf, type Problem, type ProblemSlug } from '@repo/contract';
import { hashToken, type Database } from '@repo/db';
import { createTestDatabase, type TestDatabase } from '@repo/db/testing';
import type { Config } from '../../src/config.ts';
import { startServer, type RunningServer } from '../../src/server.ts';

export const TOKENS = {
  clinicA: 'test-clinic-a',
  clinicB: 'test-clinic-b',
  product: 'test-product',
  revoked: 'test-revoked-a',
  expired: 'test-expired-a',
} as const;

export interface Seeded {
  companyA: string;
  companyB: string;
  /** Appointment ids of each clinic, newest first (starts_at desc, id desc). */
  appointmentsA: string[];
  appointmentsB: string[];
  patientA: string;
}

export interface TestServer extends RunningServer {
  t: TestDatabase;
  seeded: Seeded;
  /** JSON log lines written by the app's logger. */
  logs: Record<string, unknown>[];
  stop: () => Promise<void>;
}

function capturingLogger(lines: Record<string, unknown>[]): Logger {
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n'))
        if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      callback();
    },
  });
  return pino({ level: 'info' }, destination);
}

const BASE = Date.parse('2026-03-02T12:00:00.000Z');

export async function seed(db: Kysely<Database>): Promise<Seeded> {
  const companies = await db
    .insertInto('companies')
    .values([
      { name: 'Clínica A', plan: 'pro', specialty: 'dermatology', city: 'Recife', state: 'PE' },
      {
        name: 'Clínica B',
        plan: 'basic',
        specialty: 'cardiology',
        city: 'Natal',
        state: 'RN',
        timezone: 'UTC',
      },
    ])
    .returning('id')
    .execute();
  const companyA = companies[0]!.id;
  const companyB = companies[1]!.id;
  await db
    .insertInto('api_tokens')
    .values([
      { company_id: companyA, role: 'clinic', label: 'a', token_hash: hashToken(TOKENS.clinicA) },
      { company_id: companyB, role: 'clinic', label: 'b', token_hash: hashToken(TOKENS.clinicB) },
      { company_id: null, role: 'product', label: 'p', token_hash: hashToken(TOKENS.product) },
      {
        company_id: companyA,
        role: 'clinic',
        label: 'revoked',
        token_hash: hashToken(TOKENS.revoked),
        revoked_at: new Date(),
      },
      {
        company_id: companyA,
        role: 'clinic',
        label: 'expired',
        token_hash: hashToken(TOKENS.expired),
        created_at: new Date(Date.now() - 120_000),
        expires_at: new Date(Date.now() - 60_000),
      },
    ])
    .execute();
  const patients = await db
    .insertInto('patients')
    .values([
      { company_id: companyA, birth_year: 1980, sex: 'F' },
      { company_id: companyA, birth_year: 1990, sex: 'M' },
      { company_id: companyB, birth_year: 1970, sex: 'X' },
    ])
    .returning('id')
    .execute();
  const [pa1, pa2, pb] = patients.map((p) => p.id);
  const statuses = ['scheduled', 'completed', 'cancelled', 'no_show'] as const;
  const rowsA = Array.from({ length: 25 }, (_, i) => {
    // Pairs share starts_at (ties broken by id) and times carry microseconds, to exercise the keyset.
    const startsAt = new Date(BASE - Math.floor(i / 2) * 86_400_000).toISOString().replace('Z', '123Z');
    return {
      company_id: companyA,
      patient_id: i % 3 === 0 ? pa2! : pa1!,
      professional: i % 2 === 0 ? 'Dr. Ana' : 'Dr. Bruno',
      specialty: i % 4 === 0 ? 'pediatrics' : 'dermatology',
      booked_at: new Date(BASE - 40 * 86_400_000),
      starts_at: startsAt,
      status: statuses[i % 4]!,
      price_cents: 10_000 + i,
      reminder_sent: i % 2 === 0,
    };
  });
  const rowsB = Array.from({ length: 5 }, (_, i) => ({
    company_id: companyB,
    patient_id: pb!,
    professional: 'Dr. Carla',
    specialty: 'cardiology',
    booked_at: new Date(BASE - 40 * 86_400_000),
    starts_at: new Date(BASE - i * 3_600_000),
    status: 'scheduled' as const,
  }));
  await db
    .insertInto('appointments')
    .values([...rowsA, ...rowsB])
    .execute();
  const ordered = async (companyId: string): Promise<string[]> =>
    (
      await db
        .selectFrom('appointments')
        .select('id')
        .where('company_id', '=', companyId)
        .orderBy('starts_at', 'desc')
        .orderBy('id', 'desc')
        .execute()
    ).map((r) => r.id);
  return {
    companyA,
    companyB,
    appointmentsA: await ordered(companyA),
    appointmentsB: await ordered(companyB),
    patientA: pa2!,
  };
}

export async function startTestServer(config: Partial<Config> = {}): Promise<TestServer> {
  const t = await createTestDatabase('platform');
  const seeded = await seed(t.db);
  const logs: Record<string, unknown>[] = [];
  const running = await startServer({
    env: {},
    migrate: false,
    logger: capturingLogger(logs),
    config: {
      port: 0,
      host: '127.0.0.1',
      databaseUrl: t.url,
      rateLimitPerMinute: 100_000,
      poolMax: 4,
      ...config,
    },
  });
  return {
    ...running,
    t,
    seeded,
    logs,
    stop: async () => {
      await running.close();
      await t.drop();
    },
  };
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/** Asserts an RFC 9457 response of the given type and returns its parsed body. */
export async function expectProblem(response: Response, slug: ProblemSlug): Promise<Problem> {
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = problemSchema.parse(await response.json());
  expect({ status: response.status, slug: slugOf(body.type), bodyStatus: body.status }).toEqual({
    status: body.status,
    slug,
    bodyStatus: response.status,
  });
  expect(body.requestId).toBe(response.headers.get('x-request-id'));
  expect(body.title.length).toBeGreaterThan(0);
  return body;
}

/** Rows of every table in the schema: property tests assert that bad input never writes anything. */
export async function rowCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  const { rows: tables } = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`.execute(db);
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(name)}`.execute(db);
    counts[name] = rows[0]?.n ?? 0;
  }
  return counts;
}
