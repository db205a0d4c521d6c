// Consumer-driven contract of the web app's API client with the report API (Pact V4). Every interaction
// is driven through createApiClient pointed at the Pact mock server, so the contract records what the
// client really sends and the client's own parsing (schemas, error taxonomy) runs on every response.
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { noShowResponseSchema } from '@repo/contract';
import { createApiClient, isApiError, type ApiClient, type ApiError } from '../index.ts';
import {
  APPOINTMENTS_PARAMETERS,
  BEARER,
  JSON_CONTENT_TYPE,
  PROBLEM_CONTENT_TYPE,
  UUID,
  appointmentBody,
  canceledRunBody,
  clinicBody,
  insightsMetaBody,
  noShowRowBody,
  problemBody,
  queuedRunBody,
  succeededRunBody,
} from './matchers.ts';
import { CONSUMER, GENERATED_PACTS_DIR, PROVIDER, STATES } from './pact-names.ts';

const { eachLike, fromProviderState, like, regex } = MatchersV3;

const pact = new PactV4({
  consumer: CONSUMER,
  provider: PROVIDER,
  dir: GENERATED_PACTS_DIR,
  logLevel: 'error',
});

const EXAMPLE_RUN_ID = '9f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f';
const MISSING_RUN_ID = '00000000-0000-4000-8000-000000000404';
const runPath = (suffix = '') =>
  fromProviderState(`/v1/report-runs/\${runId}${suffix}`, `/v1/report-runs/${EXAMPLE_RUN_ID}${suffix}`);

function clientFor(url: string): ApiClient {
  let n = 0;
  return createApiClient({
    baseUrl: url,
    getToken: () => 'contract-token',
    // The contract pins single requests: retries are the client's unit tests' business.
    retry: { retries: 0 },
    newId: () => `contract-${String(++n)}`,
  });
}

async function apiErrorOf(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (isApiError(error)) return error;
    throw error;
  }
  throw new Error('expected the call to fail with an ApiError');
}

const authorized = { Authorization: BEARER, Accept: 'application/json' };

describe('report-web -> report-api (HTTP)', () => {
  it('GET /v1/clinic returns the signed-in clinic', async () => {
    await pact
      .addInteraction()
      .given(STATES.signedIn)
      .uponReceiving('a request for the signed-in clinic')
      .withRequest('GET', '/v1/clinic', (b) => b.headers(authorized))
      .willRespondWith(200, (b) => b.headers({ 'Content-Type': JSON_CONTENT_TYPE }).jsonBody(clinicBody))
      .executeTest(async (server) => {
        const clinic = await clientFor(server.url).getClinic();
        expect(clinic).toMatchObject({ id: '1', plan: 'pro', state: 'PE', churnedAt: null });
      });
  });

  it('GET /v1/clinic answers 401 problem+json when the token is unknown or revoked', async () => {
    await pact
      .addInteraction()
      .given(STATES.unknownToken)
      .uponReceiving('a request for the clinic with an unknown token')
      .withRequest('GET', '/v1/clinic', (b) => b.headers(authorized))
      .willRespondWith(401, (b) =>
        b.headers({ 'Content-Type': PROBLEM_CONTENT_TYPE }).jsonBody(problemBody('unauthorized', 401)),
      )
      .executeTest(async (server) => {
        const error = await apiErrorOf(clientFor(server.url).getClinic());
        expect(error.kind).toBe('unauthorized');
        expect(error.requestId).toBe('req-0001');
      });
  });

  it('GET /v1/clinic answers 403 problem+json when the token belongs to no clinic', async () => {
    await pact
      .addInteraction()
      .given(STATES.internalRole)
      .uponReceiving('a request for the clinic with a product-team token')
      .withRequest('GET', '/v1/clinic', (b) => b.headers(authorized))
      .willRespondWith(403, (b) =>
        b.headers({ 'Content-Type': PROBLEM_CONTENT_TYPE }).jsonBody(problemBody('forbidden', 403)),
      )
      .executeTest(async (server) => {
        const error = await apiErrorOf(clientFor(server.url).getClinic());
        expect(error.kind).toBe('forbidden');
      });
  });

  it('GET /v1/report-runs lists the clinic succeeded runs', async () => {
    await pact
      .addInteraction()
      .given(STATES.hasRun, { status: 'succeeded' })
      .uponReceiving('a request for the succeeded report runs')
      .withRequest('GET', '/v1/report-runs', (b) =>
        b.headers(authorized).query({ status: 'succeeded', limit: '10' }),
      )
      .willRespondWith(200, (b) =>
        b
          .headers({ 'Content-Type': JSON_CONTENT_TYPE })
          .jsonBody({ data: eachLike(succeededRunBody), nextCursor: like(null) }),
      )
      .executeTest(async (server) => {
        const page = await clientFor(server.url).listReportRuns({ status: 'succeeded', limit: 10 });
        expect(page.data[0]?.status).toBe('succeeded');
        expect(page.data[0]?.file?.rowCount).toBe(120);
      });
  });

  it('GET /v1/report-runs answers 429 with Retry-After when the company used up its rate limit', async () => {
    await pact
      .addInteraction()
      .given(STATES.rateLimited)
      .uponReceiving('a request for report runs over the rate limit')
      .withRequest('GET', '/v1/report-runs', (b) => b.headers(authorized))
      .willRespondWith(429, (b) =>
        b
          .headers({ 'Content-Type': PROBLEM_CONTENT_TYPE, 'Retry-After': regex('^[0-9]+$', '42') })
          .jsonBody(problemBody('rate-limited', 429, { retryAfter: true })),
      )
      .executeTest(async (server) => {
        const error = await apiErrorOf(clientFor(server.url).listReportRuns());
        expect(error.kind).toBe('rate-limited');
        expect(error.kind === 'rate-limited' && error.retryAfterSeconds).toBe(42);
      });
  });

  it('GET /v1/report-runs/{id} returns a succeeded run with its file', async () => {
    await pact
      .addInteraction()
      .given(STATES.hasRun, { status: 'succeeded' })
      .uponReceiving('a request for a succeeded report run')
      .withRequest('GET', runPath(), (b) => b.headers(authorized))
      .willRespondWith(200, (b) =>
        b.headers({ 'Content-Type': JSON_CONTENT_TYPE }).jsonBody(succeededRunBody),
      )
      .executeTest(async (server) => {
        const run = await clientFor(server.url).getReportRun(EXAMPLE_RUN_ID);
        expect(run).toMatchObject({ id: EXAMPLE_RUN_ID, status: 'succeeded', error: null });
      });
  });

  it('GET /v1/report-runs/{id} answers 404 problem+json for a run the clinic does not have', async () => {
    await pact
      .addInteraction()
      .given(STATES.signedIn)
      .uponReceiving('a request for a report run that does not exist')
      .withRequest('GET', `/v1/report-runs/${MISSING_RUN_ID}`, (b) => b.headers(authorized))
      .willRespondWith(404, (b) =>
        b.headers({ 'Content-Type': PROBLEM_CONTENT_TYPE }).jsonBody(problemBody('not-found', 404)),
      )
      .executeTest(async (server) => {
        const error = await apiErrorOf(clientFor(server.url).getReportRun(MISSING_RUN_ID));
        expect(error.kind).toBe('not-found');
      });
  });

  it('POST /v1/report-runs with an Idempotency-Key answers 202 with the queued run', async () => {
    await pact
      .addInteraction()
      .given(STATES.signedIn)
      .uponReceiving('a request to create an appointments report run')
      .withRequest('POST', '/v1/report-runs', (b) =>
        b
          .headers({
            ...authorized,
            'Content-Type': 'application/json',
            'Idempotency-Key': regex(UUID, '5d6e7f80-1a2b-4c3d-9e8f-a1b2c3d4e5f6'),
          })
          .jsonBody({ type: 'appointments', format: 'csv', parameters: APPOINTMENTS_PARAMETERS }),
      )
      .willRespondWith(202, (b) =>
        b
          .headers({
            'Content-Type': JSON_CONTENT_TYPE,
            Location: regex(`^/v1/report-runs/[0-9a-f-]{36}$`, `/v1/report-runs/${EXAMPLE_RUN_ID}`),
            'Retry-After': regex('^[0-9]+$', '2'),
          })
          .jsonBody(queuedRunBody),
      )
      .executeTest(async (server) => {
        const run = await clientFor(server.url).createReportRun(
          { type: 'appointments', format: 'csv', parameters: APPOINTMENTS_PARAMETERS },
          { idempotencyKey: '5d6e7f80-1a2b-4c3d-9e8f-a1b2c3d4e5f6' },
        );
        expect(run).toMatchObject({ status: 'queued', file: null, startedAt: null });
      });
  });

  it('POST /v1/report-runs answers 422 with field errors when the period is too long', async () => {
    const tooLong = { from: '2024-01-01', to: '2026-12-31' };
    await pact
      .addInteraction()
      .given(STATES.signedIn)
      .uponReceiving('a request to create a report run over a too-long period')
      .withRequest('POST', '/v1/report-runs', (b) =>
        b
          .headers({
            ...authorized,
            'Content-Type': 'application/json',
            'Idempotency-Key': regex(UUID, '6e7f8091-2b3c-4d4e-8f90-b2c3d4e5f607'),
          })
          .jsonBody({ type: 'appointments', format: 'csv', parameters: tooLong }),
      )
      .willRespondWith(422, (b) =>
        b
          .headers({ 'Content-Type': PROBLEM_CONTENT_TYPE })
          .jsonBody(problemBody('validation', 422, { fieldErrors: true })),
      )
      .executeTest(async (server) => {
        const error = await apiErrorOf(
          clientFor(server.url).createReportRun(
            { type: 'appointments', format: 'csv', parameters: tooLong },
            { idempotencyKey: '6e7f8091-2b3c-4d4e-8f90-b2c3d4e5f607' },
          ),
        );
        expect(error.kind).toBe('validation');
        expect(error.kind === 'validation' && error.fieldErrors[0]?.field).toBe('parameters.to');
      });
  });

  it('POST /v1/report-runs/{id}/cancel cancels a queued run', async () => {
    await pact
      .addInteraction()
      .given(STATES.hasRun, { status: 'queued' })
      .uponReceiving('a request to cancel a queued report run')
      .withRequest('POST', runPath('/cancel'), (b) => b.headers(authorized))
      .willRespondWith(200, (b) => b.headers({ 'Content-Type': JSON_CONTENT_TYPE }).jsonBody(canceledRunBody))
      .executeTest(async (server) => {
        const run = await clientFor(server.url).cancelReportRun(EXAMPLE_RUN_ID);
        expect(run.status).toBe('canceled');
      });
  });

  it('POST /v1/report-runs/{id}/cancel answers 409 problem+json when the run already finished', async () => {
    await pact
      .addInteraction()
      .given(STATES.hasRun, { status: 'succeeded' })
      .uponReceiving('a request to cancel a finished report run')
      .withRequest('POST', runPath('/cancel'), (b) => b.headers(authorized))
      .willRespondWith(409, (b) =>
        b.headers({ 'Content-Type': PROBLEM_CONTENT_TYPE }).jsonBody(problemBody('conflict', 409)),
      )
      .executeTest(async (server) => {
        const error = await apiErrorOf(clientFor(server.url).cancelReportRun(EXAMPLE_RUN_ID));
        expect(error.kind).toBe('conflict');
      });
  });

  it('GET /v1/report-runs/{id}/file downloads the CSV with its file name', async () => {
    await pact
      .addInteraction()
      .given(STATES.hasRun, { status: 'succeeded' })
      .uponReceiving('a request to download a succeeded report file')
      .withRequest('GET', runPath('/file'), (b) => b.headers({ Authorization: BEARER, Accept: '*/*' }))
      .willRespondWith(200, (b) =>
        b.headers({
          'Content-Type': 'text/csv',
          // Pact regexes must match the whole header value.
          'Content-Disposition': regex(
            '^attachment; filename=.+$',
            'attachment; filename="appointments.csv"',
          ),
        }),
      )
      .executeTest(async (server) => {
        const file = await clientFor(server.url).downloadReportFile(EXAMPLE_RUN_ID);
        expect(file.fileName).toBe('appointments.csv');
        expect(file.contentType).toMatch(/^text\/csv/);
      });
  });

  it('GET /v1/appointments returns a page of the clinic appointments', async () => {
    await pact
      .addInteraction()
      .given(STATES.signedIn)
      .uponReceiving('a request for a page of appointments')
      .withRequest('GET', '/v1/appointments', (b) => b.headers(authorized).query({ limit: '5' }))
      .willRespondWith(200, (b) =>
        b
          .headers({ 'Content-Type': JSON_CONTENT_TYPE })
          .jsonBody({ data: eachLike(appointmentBody), nextCursor: like('eyJzIjoiMjAyNiJ9') }),
      )
      .executeTest(async (server) => {
        const page = await clientFor(server.url).listAppointments({ limit: 5 });
        expect(page.data[0]?.priceCents).toBe(15_000);
        expect(page.nextCursor).toBe('eyJzIjoiMjAyNiJ9');
      });
  });

  it('GET /v1/insights/no-show returns the clinic no-show rates with their meta', async () => {
    await pact
      .addInteraction()
      .given(STATES.insightsComputed)
      .uponReceiving('a request for the clinic no-show insight')
      .withRequest('GET', '/v1/insights/no-show', (b) => b.headers(authorized).query({ period: 'all' }))
      .willRespondWith(200, (b) =>
        b.headers({ 'Content-Type': JSON_CONTENT_TYPE }).jsonBody({
          data: eachLike(noShowRowBody),
          meta: insightsMetaBody('clinic'),
        }),
      )
      .executeTest(async (server) => {
        const result = await clientFor(server.url).getInsight(
          'no-show',
          { period: 'all' },
          noShowResponseSchema,
        );
        expect(result.meta.scope).toBe('clinic');
        expect(result.data[0]?.noShowRate).toBe(0.125);
      });
  });

  it('GET /v1/insights/no-show/export.csv downloads the same rows as CSV', async () => {
    await pact
      .addInteraction()
      .given(STATES.insightsComputed)
      .uponReceiving('a request to export the clinic no-show insight as CSV')
      .withRequest('GET', '/v1/insights/no-show/export.csv', (b) =>
        b.headers({ Authorization: BEARER, Accept: 'text/csv' }).query({ period: 'all' }),
      )
      .willRespondWith(200, (b) =>
        b.headers({
          'Content-Type': 'text/csv',
          'Content-Disposition': regex('^attachment; filename=.+$', 'attachment; filename="no-show.csv"'),
        }),
      )
      .executeTest(async (server) => {
        const file = await clientFor(server.url).downloadInsightCsv('no-show', { period: 'all' });
        expect(file.fileName).toBe('no-show.csv');
      });
  });

  it('POST /v1/report-runs answers 401 problem+json when the token is unknown or revoked', async () => {
    await pact
      .addInteraction()
      .given(STATES.unknownToken)
      .uponReceiving('a request to create a report run with an unknown token')
      .withRequest('POST', '/v1/report-runs', (b) =>
        b
          .headers({
            ...authorized,
            'Content-Type': 'application/json',
            'Idempotency-Key': regex(UUID, '7f8091a2-3c4d-4e5f-9a0b-c3d4e5f60718'),
          })
          .jsonBody({ type: 'appointments', format: 'csv', parameters: APPOINTMENTS_PARAMETERS }),
      )
      .willRespondWith(401, (b) =>
        b.headers({ 'Content-Type': PROBLEM_CONTENT_TYPE }).jsonBody(problemBody('unauthorized', 401)),
      )
      .executeTest(async (server) => {
        const error = await apiErrorOf(
          clientFor(server.url).createReportRun(
            { type: 'appointments', format: 'csv', parameters: APPOINTMENTS_PARAMETERS },
            { idempotencyKey: '7f8091a2-3c4d-4e5f-9a0b-c3d4e5f60718' },
          ),
        );
        expect(error.kind).toBe('unauthorized');
      });
  });
});
