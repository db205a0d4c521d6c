import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { http, HttpResponse } from 'msw';
import { problem, type CreateReportRun } from '@repo/contract';
import { createApiClient, type ApiClientOptions } from './client.ts';
import { isApiError, type ApiError } from './errors.ts';
import {
  conflict,
  createMockApi,
  forbidden,
  malformedJson,
  networkError,
  notFound,
  problemResponse,
  rateLimited,
  serverError,
  slow,
  timeout,
  unauthorized,
  validationError,
} from './msw/index.ts';

const BASE = 'http://api.test';
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function client(overrides: Partial<ApiClientOptions> = {}) {
  return createApiClient({
    baseUrl: BASE,
    getToken: () => 'demo-clinic-a',
    timeoutMs: 300,
    retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 1_000 },
    ...overrides,
  });
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (isApiError(error)) return error;
    throw new Error(`expected an ApiError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected the call to fail');
}

const validBody: CreateReportRun = {
  type: 'appointments',
  format: 'csv',
  parameters: { from: '2026-10-01', to: '2026-10-31' },
};

describe('success', () => {
  it('lists report runs, validated by the contract schema, with the bearer token', async () => {
    server.use(...createMockApi().handlers);
    const page = await client().listReportRuns({ limit: 2 });
    expect(page.data).toHaveLength(2);
    expect(page.nextCursor).toBe('2');
  });

  it('reads the clinic, a run, cancels a queued run and lists appointments', async () => {
    server.use(...createMockApi().handlers);
    const api = client();
    expect((await api.getClinic()).name).toContain('demo A');
    expect((await api.getReportRun('run-1')).status).toBe('succeeded');
    expect((await api.cancelReportRun('run-queued')).status).toBe('canceled');
    expect((await api.listAppointments({ limit: 10 })).data).toHaveLength(2);
  });

  it('downloads a file with its name from Content-Disposition', async () => {
    server.use(...createMockApi().handlers);
    const api = client();
    const file = await api.downloadReportFile('run-1');
    expect(file.fileName).toBe('appointments-2026-10-01-2026-10-31.csv');
    expect(await file.blob.text()).toContain('appointment_id');
    expect(api.downloadUrl('run 1')).toBe(`${BASE}/v1/report-runs/run%201/file`);
  });

  it('sends a generated X-Request-Id and no Authorization header when signed out', async () => {
    const seen: Record<string, string | null>[] = [];
    server.use(
      http.get(`${BASE}/v1/clinic`, ({ request }) => {
        seen.push({ id: request.headers.get('X-Request-Id'), auth: request.headers.get('Authorization') });
        return problemResponse(problem('unauthorized'));
      }),
    );
    const error = await failure(client({ getToken: () => null, newId: () => 'req-client-1' }).getClinic());
    expect(seen).toEqual([{ id: 'req-client-1', auth: null }]);
    expect(error.kind).toBe('unauthorized');
  });
});

describe('create intent and idempotency', () => {
  it('reuses the same Idempotency-Key on the retries of one create (503 then success)', async () => {
    const keys: (string | null)[] = [];
    const mock = createMockApi();
    server.use(
      http.post(`${BASE}/v1/report-runs`, ({ request }) => {
        keys.push(request.headers.get('Idempotency-Key'));
        if (keys.length === 1) return problemResponse(problem('unavailable'));
        return undefined;
      }),
      ...mock.handlers,
    );
    const run = await client().createReportRun(validBody, { idempotencyKey: 'intent-1' });
    expect(run.status).toBe('queued');
    expect(keys).toEqual(['intent-1', 'intent-1']);
  });

  it('generates a key per create when the caller gives none, and the mock returns the same run for it', async () => {
    const keys: (string | null)[] = [];
    server.use(
      http.post(`${BASE}/v1/report-runs`, ({ request }) => {
        keys.push(request.headers.get('Idempotency-Key'));
      }),
      ...createMockApi().handlers,
    );
    const api = client();
    const first = await api.createReportRun(validBody);
    const second = await api.createReportRun(validBody);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[0]).not.toBe(keys[1]);
    expect(first.id).not.toBe(second.id);
  });

  it('does not retry a create on a 500 (unsafe method, not a 429/503)', async () => {
    let calls = 0;
    server.use(
      http.post(`${BASE}/v1/report-runs`, () => {
        calls += 1;
      }),
      ...serverError(),
    );
    const error = await failure(client().createReportRun(validBody));
    expect(error.kind).toBe('server');
    expect(calls).toBe(1);
  });

  it('does not retry a create on a network error', async () => {
    let calls = 0;
    server.use(
      http.post(`${BASE}/v1/report-runs`, () => {
        calls += 1;
      }),
      ...networkError(),
    );
    expect((await failure(client().createReportRun(validBody))).kind).toBe('network');
    expect(calls).toBe(1);
  });
});

describe('error taxonomy per scenario', () => {
  it('serverError: a 500 becomes kind "server" with the problem and the server request id, after retries', async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE}/v1/report-runs`, () => {
        calls += 1;
      }),
      ...serverError(),
    );
    const error = await failure(client().listReportRuns());
    expect(error).toMatchObject({ kind: 'server', status: 500, requestId: 'req-mock-0001' });
    expect(calls).toBe(1);
  });

  it('serverError: a GET is retried on 503 and succeeds', async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE}/v1/report-runs`, () => {
        calls += 1;
        return calls < 3 ? problemResponse(problem('unavailable')) : undefined;
      }),
      ...createMockApi().handlers,
    );
    expect((await client().listReportRuns()).data.length).toBeGreaterThan(0);
    expect(calls).toBe(3);
  });

  it('serverError: a 502 with an HTML body is still "server", keeping the client request id', async () => {
    server.use(
      http.get(`${BASE}/v1/clinic`, () => new HttpResponse('<html>bad gateway</html>', { status: 502 })),
    );
    const error = await failure(client({ newId: () => 'req-c', retry: { retries: 0 } }).getClinic());
    expect(error).toMatchObject({ kind: 'server', status: 502, requestId: 'req-c' });
    expect('problem' in error && error.problem).toBeFalsy();
  });

  it('networkError: no response becomes kind "network" after the GET retries', async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE}/v1/clinic`, () => {
        calls += 1;
      }),
      ...networkError(),
    );
    const error = await failure(client({ newId: () => 'req-net' }).getClinic());
    expect(error).toMatchObject({ kind: 'network', requestId: 'req-net', method: 'GET', path: '/v1/clinic' });
    expect(calls).toBe(3);
  });

  it('timeout: a server that never answers becomes kind "timeout" within the budget', async () => {
    server.use(...timeout());
    const started = Date.now();
    const error = await failure(client({ retry: { retries: 0 } }).getReportRun('run-1'));
    expect(error).toMatchObject({ kind: 'timeout', timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('aborted: the caller aborting becomes kind "aborted", not timeout', async () => {
    server.use(...timeout());
    const controller = new AbortController();
    const pending = failure(client().getReportRun('run-1', { signal: controller.signal }));
    setTimeout(() => controller.abort(), 20);
    expect((await pending).kind).toBe('aborted');
  });

  it('aborted: aborting during the backoff wait stops retrying', async () => {
    server.use(...networkError());
    const controller = new AbortController();
    const api = client({ retry: { retries: 5, baseDelayMs: 10_000, maxDelayMs: 10_000 }, random: () => 0.5 });
    const pending = failure(api.getClinic({ signal: controller.signal }));
    setTimeout(() => controller.abort(), 50);
    expect((await pending).kind).toBe('aborted');
  });

  it('rateLimited: a long Retry-After surfaces at once as "rate-limited" with retryAfterSeconds', async () => {
    server.use(...rateLimited(30));
    const error = await failure(client().listReportRuns());
    expect(error).toMatchObject({ kind: 'rate-limited', status: 429, retryAfterSeconds: 30 });
  });

  it('rateLimited: a short Retry-After is honoured and the GET retried', async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE}/v1/clinic`, () => {
        calls += 1;
        return calls === 1 ? problemResponse(problem('rate-limited'), { 'Retry-After': '0' }) : undefined;
      }),
      ...createMockApi().handlers,
    );
    expect((await client().getClinic()).id).toBe('1');
    expect(calls).toBe(2);
  });

  it('rateLimited: an HTTP-date Retry-After is understood', async () => {
    const inAMinute = new Date(Date.now() + 60_000).toUTCString();
    server.use(
      http.get(`${BASE}/v1/clinic`, () =>
        problemResponse(problem('rate-limited'), { 'Retry-After': inAMinute }),
      ),
    );
    const error = await failure(client().getClinic());
    expect(error.kind === 'rate-limited' && error.retryAfterSeconds).toBeGreaterThan(50);
  });

  it('validationError: a 422 becomes "validation" with the field errors', async () => {
    server.use(
      ...validationError([{ field: 'parameters.from', message: 'bad date', code: 'invalid_format' }]),
    );
    const error = await failure(client().createReportRun(validBody));
    expect(error.kind).toBe('validation');
    expect(error.kind === 'validation' && error.fieldErrors).toEqual([
      { field: 'parameters.from', message: 'bad date', code: 'invalid_format' },
    ]);
  });

  it('validationError: a 400 without field errors is "validation" with an empty list', async () => {
    server.use(http.post(`${BASE}/v1/report-runs`, () => problemResponse(problem('bad-request'))));
    const error = await failure(client().createReportRun(validBody));
    expect(error).toMatchObject({ kind: 'validation', status: 400, fieldErrors: [] });
  });

  it.each([
    ['unauthorized', unauthorized, 'unauthorized', 401],
    ['forbidden', forbidden, 'forbidden', 403],
    ['notFound', notFound, 'not-found', 404],
    ['conflict', conflict, 'conflict', 409],
  ] as const)('%s: becomes kind "%s"', async (_name, scenario, kind, status) => {
    server.use(...scenario());
    const error = await failure(client().cancelReportRun('run-1'));
    expect(error).toMatchObject({ kind, status, requestId: 'req-mock-0001' });
  });

  it('notFound: a 410 Gone (expired file) is "not-found"', async () => {
    server.use(http.get(`${BASE}/v1/report-runs/:id/file`, () => problemResponse(problem('gone'))));
    expect((await failure(client().downloadReportFile('run-1'))).kind).toBe('not-found');
  });

  it('malformedJson: an unparseable 200 body becomes "unexpected" with the reason', async () => {
    server.use(...malformedJson());
    const error = await failure(client().listReportRuns());
    expect(error).toMatchObject({ kind: 'unexpected', status: 200, requestId: 'req-mock-malformed' });
    expect(error.kind === 'unexpected' && error.reason).toContain('not valid JSON');
  });

  it('malformedJson: a JSON body that breaks the contract becomes "unexpected" naming the field', async () => {
    server.use(http.get(`${BASE}/v1/report-runs/:id`, () => HttpResponse.json({ id: 1, status: 'done' })));
    const error = await failure(client().getReportRun('run-1'));
    expect(error.kind === 'unexpected' && error.reason).toMatch(/does not match the contract at "id"/);
  });

  it('unexpected: a status outside the taxonomy (405) is "unexpected"', async () => {
    server.use(http.get(`${BASE}/v1/clinic`, () => problemResponse(problem('method-not-allowed'))));
    expect((await failure(client().getClinic())).kind).toBe('unexpected');
  });

  it('unexpected: a throwing getToken is reported inside the taxonomy', async () => {
    const error = await failure(
      client({
        getToken: () => {
          throw new Error('storage unavailable');
        },
      }).getClinic(),
    );
    expect(error.kind).toBe('unexpected');
  });

  it('slow: a slow but timely answer succeeds', async () => {
    server.use(...slow(50), ...createMockApi().handlers);
    expect((await client().getClinic()).id).toBe('1');
  });

  it('network: a body that fails mid-read is "network"', async () => {
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"id":'));
        controller.error(new Error('connection reset'));
      },
    });
    server.use(http.get(`${BASE}/v1/clinic`, () => new HttpResponse(stream, { status: 200 })));
    expect((await failure(client({ retry: { retries: 0 } }).getClinic())).kind).toBe('network');
  });
});
