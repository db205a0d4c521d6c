import { act, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithDeps } from '../../../test/render-app.tsx';
import { SLOW_MS, testScenarios } from '../../../test/scenarios.ts';
import { useClinic } from './use-clinic.ts';
import { useSignIn } from './use-sign-in.ts';

describe('useClinic', () => {
  it.each(testScenarios)('$name: ends in the clinic or in the scenario error kind', async (scenario) => {
    const { server } = await import('../../../test/server.ts');
    server.use(...scenario.handlers());
    const { result } = renderWithDeps(() => useClinic());
    await waitFor(() => expect(['success', 'error']).toContain(result.current.status), {
      timeout: SLOW_MS + 3_000,
    });
    if (scenario.kind === null) expect(result.current.data?.id).toBe('1');
    else expect(result.current.error?.kind).toBe(scenario.kind);
  });

  it('success: does not call the API while signed out', () => {
    const { result } = renderWithDeps(() => useClinic(), { token: null });
    expect(result.current.fetchStatus).toBe('idle');
  });
});

describe('useSignIn', () => {
  it.each(testScenarios)(
    '$name: keeps the token only when the API accepts it (403: internal role, no clinic)',
    async (scenario) => {
      const { server } = await import('../../../test/server.ts');
      server.use(...scenario.handlers());
      const { result, deps } = renderWithDeps(() => useSignIn(), { token: null });
      act(() => result.current.mutate('demo-clinic-b'));
      await waitFor(() => expect(['success', 'error']).toContain(result.current.status), {
        timeout: SLOW_MS + 3_000,
      });
      if (scenario.kind === null || scenario.kind === 'forbidden') {
        expect(result.current.status).toBe('success');
        expect(result.current.data?.id).toBe(scenario.kind === null ? '2' : undefined);
        expect(deps.session.getToken()).toBe('demo-clinic-b');
      } else {
        expect(result.current.error?.kind).toBe(scenario.kind);
        expect(deps.session.get()).toEqual({ token: null, expired: false });
      }
    },
  );

  it('unauthorized: an unknown token is refused and not kept', async () => {
    const { result, deps } = renderWithDeps(() => useSignIn(), { token: null });
    act(() => result.current.mutate('not-a-token'));
    await waitFor(() => expect(result.current.error?.kind).toBe('unauthorized'));
    expect(deps.session.getToken()).toBeNull();
  });
});
