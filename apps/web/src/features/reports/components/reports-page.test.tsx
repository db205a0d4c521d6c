import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { http } from 'msw';
import {
  conflict,
  createMockApi,
  queuedRunFixture,
  reportRunFixture,
  validationError,
} from '@repo/api-client/msw';
import { server } from '../../../test/server.ts';
import { downloads } from '../../../test/downloads.ts';
import { renderApp, TEST_API } from '../../../test/render-app.tsx';
import { SLOW_MS, stateTitle, testScenarios } from '../../../test/scenarios.ts';

const runsRegion = () => screen.findByRole('region', { name: 'Relatórios solicitados' });

describe('Reports screen: list per scenario', () => {
  it.each(testScenarios)('$name: shows the designed state for loading the list', async (scenario) => {
    server.use(...scenario.handlers());
    const { router, user } = renderApp('/reports');
    if (scenario.name === 'success' || scenario.name === 'slow') {
      if (scenario.name === 'slow') {
        expect(await screen.findByText('Carregando relatórios…')).toBeInTheDocument();
        expect(await screen.findByText(/ainda carregando/i)).toBeInTheDocument();
      }
      const region = await runsRegion();
      expect(await within(region).findAllByRole('row', {}, { timeout: SLOW_MS + 2_000 })).toHaveLength(4);
      expect(within(region).getByText('Falhou')).toBeInTheDocument();
      return;
    }
    if (scenario.kind === 'unauthorized') {
      expect(await screen.findByText(/sua sessão expirou/i)).toBeInTheDocument();
      expect(router.state.location.search).toContain('returnTo=%2Freports');
      server.resetHandlers();
      server.use(...createMockApi().handlers);
      await user.type(screen.getByLabelText('Token de acesso'), 'demo-clinic-a');
      await user.click(screen.getByRole('button', { name: 'Entrar' }));
      await waitFor(() => expect(router.state.location.pathname).toBe('/reports'));
      expect(await within(await runsRegion()).findAllByRole('row')).toHaveLength(4);
      return;
    }
    const title = stateTitle[scenario.kind ?? 'aborted'];
    if (!title) throw new Error('no designed state');
    if (scenario.kind === 'not-found') {
      expect(await screen.findByRole('heading', { name: title })).toBeInTheDocument();
      return;
    }
    const region = await runsRegion();
    expect(await within(region).findByText(title, {}, { timeout: 3_000 })).toBeInTheDocument();
    expect(within(region).getByText(/código da requisição/i)).toBeInTheDocument();
    if (scenario.kind === 'rate-limited')
      expect(within(region).getByTestId('countdown')).toHaveTextContent('30 segundos');
    if (scenario.kind === 'unexpected')
      expect(within(region).getByText(/req-mock-malformed/)).toBeInTheDocument();
    if (scenario.kind === 'network') expect(await screen.findByTestId('api-down-banner')).toBeInTheDocument();
    if (scenario.kind === 'server' || scenario.kind === 'network' || scenario.kind === 'timeout') {
      expect(within(region).getByRole('button', { name: 'Tentar de novo' })).toBeInTheDocument();
    }
  });
});

describe('Reports screen: create form', () => {
  it('validationError (client): an invalid period is caught from the contract schema before any request', async () => {
    let posts = 0;
    server.use(
      http.post(`${TEST_API}/v1/report-runs`, () => {
        posts += 1;
      }),
    );
    const { user } = renderApp('/reports');
    const to = await screen.findByLabelText('Até');
    await user.clear(to);
    await user.type(to, '2020-01-01');
    await user.click(screen.getByRole('button', { name: 'Solicitar relatório' }));
    expect(
      await screen.findByText('A data final deve ser igual ou posterior à inicial.'),
    ).toBeInTheDocument();
    expect(to).toHaveAttribute('aria-invalid', 'true');
    expect(to).toHaveFocus();
    expect(posts).toBe(0);
  });

  it('validationError (server): a 422 shows the field error inline and keeps the input', async () => {
    server.use(
      ...validationError(
        [{ field: 'parameters.to', message: 'the period may cover at most 366 days', code: 'custom' }],
        {
          method: 'post',
          path: '/v1/report-runs',
        },
      ),
    );
    const { user } = renderApp('/reports');
    const format = await screen.findByLabelText('Formato');
    await user.selectOptions(format, 'xlsx');
    await user.click(screen.getByRole('button', { name: 'Solicitar relatório' }));
    expect(await screen.findByText('O período pode ter no máximo 366 dias.')).toBeInTheDocument();
    expect(screen.getByLabelText('Até')).toHaveAttribute('aria-invalid', 'true');
    expect(format).toHaveValue('xlsx');
  });

  it('serverError: a failed create shows a retry banner, keeps the input, and the retry succeeds', async () => {
    const { serverError } = await import('@repo/api-client/msw');
    server.use(...serverError({ method: 'post', path: '/v1/report-runs' }));
    const { user } = renderApp('/reports');
    await user.selectOptions(await screen.findByLabelText('Tipo de relatório'), 'monthly_summary');
    await user.click(screen.getByRole('button', { name: 'Solicitar relatório' }));
    expect(await screen.findByText('O servidor encontrou um erro')).toBeInTheDocument();
    expect(screen.getByText('Seus dados foram mantidos.')).toBeInTheDocument();
    expect(screen.getByLabelText('Tipo de relatório')).toHaveValue('monthly_summary');
    server.resetHandlers();
    server.use(...createMockApi().handlers);
    await user.click(screen.getByRole('button', { name: 'Tentar de novo' }));
    expect(await screen.findByText(/relatório solicitado/i)).toBeInTheDocument();
  });

  it('success: a created run appears in the list with live status and ends ready', async () => {
    const { user } = renderApp('/reports');
    await user.selectOptions(await screen.findByLabelText('Tipo de relatório'), 'patients');
    expect(screen.getByLabelText('Pacientes cadastrados de')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Solicitar relatório' }));
    expect(await screen.findByText(/relatório solicitado/i)).toBeInTheDocument();
    const region = await runsRegion();
    const row = await waitFor(() => {
      const found = region.querySelector('tr[data-run-id="run-new-1"]');
      if (!found) throw new Error('not yet');
      return found as HTMLElement;
    });
    await waitFor(() => expect(within(row).getByText('Pronto')).toBeInTheDocument(), { timeout: 3_000 });
  });
});

describe('Reports screen: run actions', () => {
  it('success: download saves the file under its name', async () => {
    const { user } = renderApp('/reports');
    await user.click(await screen.findByRole('button', { name: 'Baixar: Consultas run-1' }));
    await waitFor(() =>
      expect(downloads).toEqual([
        { fileName: 'appointments-2026-10-01-2026-10-31.csv', href: 'blob:test-download' },
      ]),
    );
  });

  it('success: cancel a queued run', async () => {
    server.use(...createMockApi({ runs: [queuedRunFixture], pollsPerStep: 100 }).handlers);
    const { user } = renderApp('/reports');
    await user.click(await screen.findByRole('button', { name: 'Cancelar: Consultas run-queued' }));
    expect(await screen.findByText('Cancelado')).toBeInTheDocument();
  });

  it('conflict: cancelling a run that already finished explains it and refreshes the list', async () => {
    server.use(...createMockApi({ runs: [queuedRunFixture], pollsPerStep: 100 }).handlers);
    server.use(...conflict({ method: 'post', path: '/v1/report-runs/:id/cancel' }));
    const { user } = renderApp('/reports');
    await user.click(await screen.findByRole('button', { name: 'Cancelar: Consultas run-queued' }));
    expect(await screen.findByText('Não foi possível concluir')).toBeInTheDocument();
    expect(screen.getByText('The run is already finished.')).toBeInTheDocument();
  });

  it('success: run again on a failed run creates a new run with the same parameters', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post(`${TEST_API}/v1/report-runs`, async ({ request }) => {
        bodies.push(await request.clone().json());
      }),
    );
    const { user } = renderApp('/reports');
    await user.click(await screen.findByRole('button', { name: 'Gerar de novo: Resumo mensal run-failed' }));
    await waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0]).toMatchObject({
      type: 'monthly_summary',
      parameters: { from: '2026-10-01', to: '2026-10-31' },
    });
    const region = await runsRegion();
    await waitFor(() => expect(region.querySelector('tr[data-run-id="run-new-1"]')).not.toBeNull());
  });

  it('success: pages through the list with the cursor', async () => {
    const runs = Array.from({ length: 12 }, (_, i) => reportRunFixture({ id: `run-${i + 1}` }));
    server.use(...createMockApi({ runs }).handlers);
    const { user } = renderApp('/reports');
    const region = await runsRegion();
    expect(await within(region).findAllByRole('row')).toHaveLength(11);
    await user.click(within(region).getByRole('button', { name: 'Próxima página' }));
    await waitFor(() => expect(within(region).getAllByRole('row')).toHaveLength(3));
    expect(within(region).getByText('Página 2')).toBeInTheDocument();
    await user.click(within(region).getByRole('button', { name: 'Página anterior' }));
    await waitFor(() => expect(within(region).getAllByRole('row')).toHaveLength(11));
  });
});
