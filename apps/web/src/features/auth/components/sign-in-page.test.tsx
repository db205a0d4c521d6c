import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { server } from '../../../test/server.ts';
import { renderApp } from '../../../test/render-app.tsx';
import { SLOW_MS, stateTitle, testScenarios } from '../../../test/scenarios.ts';

describe('Sign-in screen per scenario', () => {
  it.each(testScenarios)(
    '$name: signs in (403: an internal role) or explains why not, keeping the token typed',
    async (scenario) => {
      server.use(...scenario.handlers());
      const { router, user } = renderApp('/sign-in?returnTo=%2Freports%2Frun-1', { token: null });
      const input = screen.getByLabelText('Token de acesso');
      await user.type(input, 'demo-clinic-a');
      await user.click(screen.getByRole('button', { name: 'Entrar' }));
      if (scenario.kind === null || scenario.kind === 'forbidden') {
        if (scenario.name === 'slow')
          expect(screen.getByRole('button', { name: 'Entrando…' })).toBeDisabled();
        await waitFor(() => expect(router.state.location.pathname).toBe('/reports/run-1'), {
          timeout: SLOW_MS + 2_000,
        });
        return;
      }
      if (scenario.kind === 'unauthorized') {
        expect(
          await screen.findByText('Token inválido ou revogado. Confira e tente de novo.'),
        ).toBeInTheDocument();
        expect(input).toHaveAttribute('aria-invalid', 'true');
      } else {
        const title = stateTitle[scenario.kind];
        if (!title) throw new Error('no designed state');
        expect(await screen.findByText(title, {}, { timeout: 3_000 })).toBeInTheDocument();
      }
      expect(input).toHaveValue('demo-clinic-a');
      expect(router.state.location.pathname).toBe('/sign-in');
    },
  );

  it('success: an empty token is refused client-side', async () => {
    const { user } = renderApp('/sign-in', { token: null });
    await user.click(screen.getByRole('button', { name: 'Entrar' }));
    expect(screen.getByText('Informe o token de acesso.')).toBeInTheDocument();
  });

  it('success: demo tokens are listed in development and fill the field', async () => {
    const { user, router } = renderApp('/sign-in?returnTo=//evil.example', {
      token: null,
      config: { showDemoTokens: true },
    });
    await user.click(screen.getByRole('button', { name: 'Usar demo-clinic-b' }));
    expect(screen.getByLabelText('Token de acesso')).toHaveValue('demo-clinic-b');
    await user.click(screen.getByRole('button', { name: 'Entrar' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/reports'));
    expect(await screen.findByText('Conectado como Clínica Vida (demo B)')).toBeInTheDocument();
  });

  it('success: demo tokens are not listed in a production build', () => {
    renderApp('/sign-in', { token: null });
    expect(screen.queryByText(/tokens de demonstração/i)).not.toBeInTheDocument();
  });
});
