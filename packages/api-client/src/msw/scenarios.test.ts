import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { problemSchema, reportRunSchema, slugOf } from '@repo/contract';
import { createApiClient } from '../client.ts';
import { isApiError, type ApiErrorKind } from '../errors.ts';
import { appointmentSchema, clinicSchema } from '../resources.ts';
import { appointmentsFixture, demoTokens, reportRunsFixture } from './fixtures.ts';
import { createMockApi } from './mock-api.ts';
import { scenarioCatalog, scenarioNames, type ScenarioName } from './scenarios.ts';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('fixtures follow the contract', () => {
  it('every report run fixture parses with reportRunSchema', () => {
    for (const run of reportRunsFixture) expect(reportRunSchema.parse(run)).toEqual(run);
  });

  it('every clinic and appointment fixture parses with its schema', () => {
    for (const clinic of Object.values(demoTokens)) expect(clinicSchema.parse(clinic)).toEqual(clinic);
    for (const appointment of appointmentsFixture)
      expect(appointmentSchema.parse(appointment)).toEqual(appointment);
  });
});

describe('scenario catalog', () => {
  it('lists every scenario once, each problem body a valid problem of a known type with its status', () => {
    expect(scenarioCatalog.map((s) => s.name)).toEqual([...scenarioNames]);
    for (const scenario of scenarioCatalog) {
      if (!scenario.problem) continue;
      expect(problemSchema.parse(scenario.problem)).toEqual(scenario.problem);
      expect(slugOf(scenario.problem.type)).toBeDefined();
      expect(scenario.problem.status).toBe(scenario.status);
    }
  });

  const expected: Record<ScenarioName, ApiErrorKind | 'ok'> = {
    success: 'ok',
    serverError: 'server',
    networkError: 'network',
    timeout: 'timeout',
    rateLimited: 'rate-limited',
    validationError: 'validation',
    unauthorized: 'unauthorized',
    forbidden: 'forbidden',
    notFound: 'not-found',
    conflict: 'conflict',
    malformedJson: 'unexpected',
    slow: 'ok',
  };

  it.each(scenarioCatalog.map((s) => [s.name, expected[s.name], s] as const))(
    '%s: the default handlers make the client report "%s"',
    async (name, kind, scenario) => {
      server.use(...scenario.handlers(), ...createMockApi().handlers);
      const api = createApiClient({
        baseUrl: 'http://api.test',
        getToken: () => 'demo-clinic-a',
        timeoutMs: name === 'slow' ? 5_000 : 200,
        retry: { retries: 0 },
      });
      const call =
        name === 'validationError'
          ? api.createReportRun({ type: 'patients', format: 'csv', parameters: {} })
          : name === 'conflict'
            ? api.cancelReportRun('run-1')
            : api.listReportRuns();
      const outcome = await call.then(
        () => 'ok' as const,
        (error: unknown) => (isApiError(error) ? error.kind : 'not an ApiError'),
      );
      expect(outcome).toBe(kind);
    },
  );
});

describe('mock API', () => {
  it('answers 401 to an unknown token and 422 with field errors to an invalid create', async () => {
    server.use(...createMockApi().handlers);
    const anonymous = createApiClient({
      baseUrl: 'http://api.test',
      getToken: () => 'nope',
      retry: { retries: 0 },
    });
    await expect(anonymous.getClinic()).rejects.toMatchObject({ kind: 'unauthorized' });
    const api = createApiClient({ baseUrl: 'http://api.test', getToken: () => 'demo-clinic-a' });
    await expect(
      api.createReportRun({
        type: 'appointments',
        format: 'csv',
        parameters: { from: '2026-10-31', to: '2026-10-01' },
      }),
    ).rejects.toMatchObject({
      kind: 'validation',
      fieldErrors: [expect.objectContaining({ field: 'parameters.to' })],
    });
  });

  it('advances a created run queued -> running -> succeeded as it is polled, and refuses to cancel a finished run', async () => {
    const mock = createMockApi();
    server.use(...mock.handlers);
    const api = createApiClient({ baseUrl: 'http://api.test', getToken: () => 'demo-clinic-a' });
    const run = await api.createReportRun(
      { type: 'patients', format: 'xlsx', parameters: {} },
      { idempotencyKey: 'k1' },
    );
    expect(
      (
        await api.createReportRun(
          { type: 'patients', format: 'xlsx', parameters: {} },
          { idempotencyKey: 'k1' },
        )
      ).id,
    ).toBe(run.id);
    expect((await api.getReportRun(run.id)).status).toBe('running');
    expect((await api.getReportRun(run.id)).status).toBe('succeeded');
    await expect(api.cancelReportRun(run.id)).rejects.toMatchObject({ kind: 'conflict' });
    await expect(api.getReportRun('missing')).rejects.toMatchObject({ kind: 'not-found' });
    await expect(api.downloadReportFile('run-queued')).rejects.toMatchObject({ kind: 'not-found' });
    expect(mock.runs()[0]?.id).toBe(run.id);
  });

  it('filters the list by status and type', async () => {
    server.use(...createMockApi().handlers);
    const api = createApiClient({ baseUrl: 'http://api.test', getToken: () => 'demo-clinic-a' });
    expect((await api.listReportRuns({ status: 'failed' })).data.map((r) => r.id)).toEqual(['run-failed']);
    expect((await api.listReportRuns({ type: 'appointments', cursor: '0', limit: 1 })).nextCursor).toBe('1');
  });
});
