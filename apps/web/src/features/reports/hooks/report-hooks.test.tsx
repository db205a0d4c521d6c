import { act, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { http } from 'msw';
import type { CreateReportRun } from '@repo/contract';
import { networkError, serverError } from '@repo/api-client/msw';
import { server } from '../../../test/server.ts';
import { renderWithDeps, TEST_API } from '../../../test/render-app.tsx';
import { SLOW_MS, testScenarios } from '../../../test/scenarios.ts';
import { useCancelReportRun } from './use-cancel-report-run.ts';
import { useCreateReportRun } from './use-create-report-run.ts';
import { useDownloadReport } from './use-download-report.ts';
import { useReportRun } from './use-report-run.ts';
import { useReportRuns } from './use-report-runs.ts';

const body: CreateReportRun = {
  type: 'appointments',
  format: 'csv',
  parameters: { from: '2026-10-01', to: '2026-10-31' },
};

interface Result {
  status: 'pending' | 'idle' | 'success' | 'error';
  error: { kind: string } | null;
}

const hooks: {
  hook: string;
  use: () => Result & { mutate?: (arg: never) => void };
  arg?: unknown;
  malformedOk?: boolean;
}[] = [
  { hook: 'useReportRuns', use: () => useReportRuns(null) },
  { hook: 'useReportRun', use: () => useReportRun('run-1') },
  { hook: 'useCreateReportRun', use: () => useCreateReportRun(), arg: body },
  { hook: 'useCancelReportRun', use: () => useCancelReportRun(), arg: 'run-queued' },
  { hook: 'useDownloadReport', use: () => useDownloadReport(), arg: 'run-1', malformedOk: true },
];

describe.each(hooks)('$hook', ({ use, arg, malformedOk }) => {
  it.each(testScenarios)(
    '$name: ends in data or in the scenario error kind, never pending',
    async (scenario) => {
      server.use(...scenario.handlers());
      const { result } = renderWithDeps(use);
      if (arg !== undefined) act(() => result.current.mutate?.(arg as never));
      if (scenario.name === 'slow') {
        await waitFor(() => expect(result.current.status).toBe('pending'));
      }
      await waitFor(() => expect(['success', 'error']).toContain(result.current.status), {
        timeout: SLOW_MS + 3_000,
      });
      const kind = scenario.name === 'malformedJson' && malformedOk ? null : scenario.kind;
      if (kind === null) expect(result.current).toMatchObject({ status: 'success', error: null });
      else expect(result.current.error).toMatchObject({ kind });
    },
  );
});

describe('useReportRuns', () => {
  it('success: polls with backoff while a run is active and stops when all are final', async () => {
    let lists = 0;
    server.use(
      http.get(`${TEST_API}/v1/report-runs`, () => {
        lists += 1;
      }),
    );
    const { result } = renderWithDeps(() => useReportRuns(null));
    await waitFor(() =>
      expect(result.current.data?.data.map((run) => run.status)).toEqual([
        'succeeded',
        'succeeded',
        'failed',
      ]),
    );
    expect(lists).toBeGreaterThanOrEqual(2);
    const settled = lists;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(lists).toBe(settled);
  });
});

describe('useReportRun', () => {
  it('success: follows a queued run to succeeded by polling, then stops polling', async () => {
    const { result } = renderWithDeps(() => useReportRun('run-queued'));
    await waitFor(() => expect(result.current.data?.status).toBe('succeeded'));
    const updates = result.current.dataUpdatedAt;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(result.current.dataUpdatedAt).toBe(updates);
  });

  it('unauthorized: expires the session so the app asks to sign in again', async () => {
    const { unauthorized } = await import('@repo/api-client/msw');
    server.use(...unauthorized());
    const { result, deps } = renderWithDeps(() => useReportRun('run-1'));
    await waitFor(() => expect(result.current.error?.kind).toBe('unauthorized'));
    expect(deps.session.get()).toEqual({ token: null, expired: true });
  });

  it('networkError: marks the API unreachable; a later success clears it', async () => {
    server.use(...networkError());
    const { result, deps } = renderWithDeps(() => useReportRun('run-1'));
    await waitFor(() => expect(result.current.error?.kind).toBe('network'));
    expect(deps.connectivity.get().apiUnreachable).toBe(true);
    server.resetHandlers();
    const { createMockApi } = await import('@repo/api-client/msw');
    server.use(...createMockApi().handlers);
    await act(() => result.current.refetch());
    expect(deps.connectivity.get().apiUnreachable).toBe(false);
  });
});

describe('useCreateReportRun', () => {
  it('serverError then success: the retry of the same intent reuses the Idempotency-Key', async () => {
    const keys: (string | null)[] = [];
    server.use(...serverError({ method: 'post' }));
    server.use(
      http.post(`${TEST_API}/v1/report-runs`, ({ request }) => {
        keys.push(request.headers.get('Idempotency-Key'));
      }),
    );
    const { result } = renderWithDeps(() => useCreateReportRun());
    act(() => result.current.mutate(body));
    await waitFor(() => expect(result.current.error?.kind).toBe('server'));
    server.resetHandlers();
    const { createMockApi } = await import('@repo/api-client/msw');
    server.use(
      http.post(`${TEST_API}/v1/report-runs`, ({ request }) => {
        keys.push(request.headers.get('Idempotency-Key'));
      }),
      ...createMockApi().handlers,
    );
    act(() => result.current.mutate(body));
    await waitFor(() => expect(result.current.status).toBe('success'));
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
  });

  it('success: a new intent (after a success, or with a changed body) gets a new key', async () => {
    const keys: (string | null)[] = [];
    server.use(
      http.post(`${TEST_API}/v1/report-runs`, ({ request }) => {
        keys.push(request.headers.get('Idempotency-Key'));
      }),
    );
    const { result } = renderWithDeps(() => useCreateReportRun());
    act(() => result.current.mutate(body));
    await waitFor(() => expect(result.current.status).toBe('success'));
    act(() => result.current.mutate({ ...body, format: 'xlsx' }));
    await waitFor(() => expect(result.current.data?.format).toBe('xlsx'));
    expect(keys[0]).not.toBe(keys[1]);
  });
});
