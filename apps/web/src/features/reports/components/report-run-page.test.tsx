import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { conflict, createMockApi, queuedRunFixture, serverError } from '@repo/api-client/msw';
import { server } from '../../../test/server.ts';
import { renderApp } from '../../../test/render-app.tsx';
import { SLOW_MS, stateTitle, testScenarios } from '../../../test/scenarios.ts';

describe('Report run screen per scenario', () => {
  it.each(testScenarios)('$name: shows the designed state for a run', async (scenario) => {
    server.use(...scenario.handlers());
    const { router, user } = renderApp('/reports/run-queued');
    if (scenario.kind === null) {
      if (scenario.name === 'slow')
        expect(await screen.findByText('Carregando relatório…')).toBeInTheDocument();
      expect(await screen.findByText('Pronto', {}, { timeout: SLOW_MS * 3 + 3_000 })).toBeInTheDocument();
      expect(screen.getByTestId('row-count')).toHaveTextContent('3');
      return;
    }
    if (scenario.kind === 'unauthorized') {
      expect(await screen.findByText(/sua sessão expirou/i)).toBeInTheDocument();
      server.resetHandlers();
      server.use(...createMockApi().handlers);
      await user.type(screen.getByLabelText('Token de acesso'), 'demo-clinic-a');
      await user.click(screen.getByRole('button', { name: 'Entrar' }));
      await waitFor(() => expect(router.state.location.pathname).toBe('/reports/run-queued'));
      expect(await screen.findByRole('heading', { name: 'Relatório run-queued' })).toBeInTheDocument();
      return;
    }
    const title = stateTitle[scenario.kind];
    if (!title) throw new Error('no designed state');
    if (scenario.kind === 'not-found') {
      expect(await screen.findByRole('heading', { name: title })).toBeInTheDocument();
      expect(screen.getByRole('link', { name: 'Ir para os relatórios' })).toBeInTheDocument();
      return;
    }
    const panel = await waitFor(
      () => {
        const found = document.querySelector(`[data-error-kind="${scenario.kind ?? ''}"]`);
        if (!found) throw new Error('no error state yet');
        return found;
      },
      { timeout: 3_000 },
    );
    expect(panel).toHaveTextContent(title);
    expect(panel).toHaveTextContent(/código da requisição/i);
    if (scenario.kind === 'rate-limited')
      expect(screen.getByTestId('countdown')).toHaveTextContent('30 segundos');
  });

  it('serverError after data: keeps showing the run with a stale-data marker and a retry', async () => {
    server.use(...createMockApi({ runs: [queuedRunFixture], pollsPerStep: 1_000 }).handlers);
    renderApp('/reports/run-queued');
    expect(await screen.findByText('Na fila')).toBeInTheDocument();
    server.use(...serverError());
    expect(await screen.findByTestId('stale-marker', {}, { timeout: 3_000 })).toHaveTextContent(
      /podem estar desatualizados/,
    );
    expect(screen.getByText('Na fila')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Tentar de novo' })).toBeInTheDocument();
  });

  it('conflict: cancel on a run that finished meanwhile explains it and shows the fresh state', async () => {
    const mock = createMockApi({ runs: [queuedRunFixture], pollsPerStep: 1_000 });
    server.use(...mock.handlers);
    server.use(...conflict({ method: 'post', path: '/v1/report-runs/:id/cancel' }));
    const { user } = renderApp('/reports/run-queued');
    await user.click(await screen.findByRole('button', { name: 'Cancelar: Consultas run-queued' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Não foi possível concluir')).toBeInTheDocument();
  });

  it('success: a failed run shows its error code and message', async () => {
    renderApp('/reports/run-failed');
    expect(await screen.findByText('statement_timeout')).toBeInTheDocument();
    expect(screen.getByText(/took too long/)).toBeInTheDocument();
  });
});
