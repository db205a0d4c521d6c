// Provider verification: the real report API (port 0, real PostgreSQL) honours every committed pact of
// its consumers, the web client over HTTP and the worker's report job message. Results are recorded in
// contracts/verifications for can-i-deploy.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordPath, type VerificationRecord } from '../../../../contracts/verification-record.ts';
import { startProvider, type Provider } from './provider-harness.ts';
import { PROVIDER, VERIFICATIONS_DIR, WEB_CONSUMER, WORKER_CONSUMER } from './pacts.ts';
import { verifyPact } from './verify.ts';

let provider: Provider;
beforeAll(async () => {
  provider = await startProvider();
});
afterAll(async () => {
  await provider.stop();
});

function recorded(consumer: string): VerificationRecord {
  return JSON.parse(
    readFileSync(recordPath(VERIFICATIONS_DIR, consumer, PROVIDER), 'utf8'),
  ) as VerificationRecord;
}

describe('report-api provider verification', () => {
  it('honours every interaction of the report-web pact and records the result', async () => {
    const result = await verifyPact(provider, { consumer: WEB_CONSUMER });
    expect(result.error?.message).toBeUndefined();
    expect(result.passed).toBe(true);
    expect(recorded(WEB_CONSUMER)).toMatchObject({
      consumer: WEB_CONSUMER,
      provider: PROVIDER,
      passed: true,
    });
  });

  it('produces the report job message the report-worker pact expects and records the result', async () => {
    const result = await verifyPact(provider, { consumer: WORKER_CONSUMER });
    expect(result.error?.message).toBeUndefined();
    expect(result.passed).toBe(true);
    expect(recorded(WORKER_CONSUMER)).toMatchObject({
      consumer: WORKER_CONSUMER,
      passed: true,
      interactions: 1,
    });
  });
});
