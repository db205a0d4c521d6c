// Insights API test harness: a real server on port 0 over a fresh database loaded with the insights fixture
// (40 clinics with planted effects plus a 3-patient clinic), tokens for every role, views refreshed.
import { pino } from 'pino';
import { hashToken, refreshInsights, seedInsightsFixture } from '@repo/db';
import { createTestDatabase, type TestDatabase } from '@repo/db/testing';
import { startServer, type RunningServer } from '../../src/server.ts';

export const TOKENS = {
  product: 'insights-product',
  cs: 'insights-cs',
  clinic: 'insights-clinic-1',
  tinyClinic: 'insights-clinic-41',
} as const;

/** Clinic 1 is a regular clinic; clinic 41 has 3 patients, fewer than the default k = 10. */
export const CLINIC_ID = '1';
export const TINY_CLINIC_ID = '41';

/** Personal data planted on patients: no insights response may ever contain it. */
export const PATIENT_SECRETS = ['Maria Sigilosa', 'maria.sigilosa@example.com', 'p-1-7', 'p-41-2'];

export interface InsightsServer extends RunningServer {
  t: TestDatabase;
  stop: () => Promise<void>;
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

export async function startInsightsServer(
  options: { refresh?: boolean; minPatients?: number } = {},
): Promise<InsightsServer> {
  const t = await createTestDatabase('insights_api');
  await seedInsightsFixture(t.pool);
  await t.pool.query(
    "UPDATE patients SET name = 'Maria Sigilosa', email = 'maria.sigilosa@example.com' WHERE company_id = 1 AND external_ref = 'p-1-7'",
  );
  await t.db
    .insertInto('api_tokens')
    .values([
      { company_id: null, role: 'product', label: 'product', token_hash: hashToken(TOKENS.product) },
      { company_id: null, role: 'cs', label: 'cs', token_hash: hashToken(TOKENS.cs) },
      { company_id: CLINIC_ID, role: 'clinic', label: 'clinic 1', token_hash: hashToken(TOKENS.clinic) },
      {
        company_id: TINY_CLINIC_ID,
        role: 'clinic',
        label: 'clinic 41',
        token_hash: hashToken(TOKENS.tinyClinic),
      },
    ])
    .execute();
  if (options.refresh !== false) await refreshInsights(t.pool);

  const previous = process.env.INSIGHTS_MIN_PATIENTS_PER_GROUP;
  if (options.minPatients === undefined) delete process.env.INSIGHTS_MIN_PATIENTS_PER_GROUP;
  else process.env.INSIGHTS_MIN_PATIENTS_PER_GROUP = String(options.minPatients);
  try {
    const running = await startServer({
      env: {},
      migrate: false,
      reportRuns: false,
      logger: pino({ level: 'silent' }),
      config: { port: 0, host: '127.0.0.1', databaseUrl: t.url, rateLimitPerMinute: 100_000, poolMax: 4 },
    });
    return {
      ...running,
      t,
      stop: async () => {
        await running.close();
        await t.drop();
      },
    };
  } finally {
    if (previous === undefined) delete process.env.INSIGHTS_MIN_PATIENTS_PER_GROUP;
    else process.env.INSIGHTS_MIN_PATIENTS_PER_GROUP = previous;
  }
}
