import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { http } from 'msw';
import {
  apiPath,
  forbidden,
  malformedJson,
  networkError,
  rateLimited,
  serverError,
  timeout,
} from '@repo/api-client/msw';
import { server } from '../../../test/server.ts';
import { downloads } from '../../../test/downloads.ts';
import { renderApp } from '../../../test/render-app.tsx';
import { stateTitle } from '../../../test/scenarios.ts';
import { insightsHandlers } from '../testing/insights-handlers.ts';

/** Signs in as an internal user: GET /v1/clinic answers 403 for product and cs tokens. */
const asInternal = () => server.use(...forbidden({ method: 'get', path: '/v1/clinic' }));

const panel = (name: RegExp) => screen.findByRole('region', { name }, { timeout: 5_000 });

beforeEach(() => {
  server.use(...insightsHandlers());
});

describe('Insights page for a clinic token', () => {
  it('success: shows only its own clinic sections, starting with the lifecycle table and chart', async () => {
    const { container } = renderApp('/insights');
    const region = await panel(/ciclo de vida/i);
    expect(await within(region).findAllByRole('row')).toHaveLength(3);
    expect(container.querySelector('.recharts-wrapper')).not.toBeNull();
    const nav = screen.getByRole('navigation', { name: 'Insights' });
    expect(
      within(nav)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Ciclo de vida', 'Funil', 'Faltas', 'Saúde (CS)']);
  });

  it('success: downloads the table behind a chart as CSV', async () => {
    const { user } = renderApp('/insights');
    const region = await panel(/ciclo de vida/i);
    await user.click(within(region).getByRole('button', { name: 'Baixar CSV' }));
    await waitFor(() => expect(downloads.map((d) => d.fileName)).toEqual(['insights-lifecycle.csv']));
  });

  it('empty: says there is no data for the filters instead of drawing an empty chart', async () => {
    server.use(...insightsHandlers({ empty: true }));
    renderApp('/insights');
    expect(await screen.findByText('Ainda não há dados para estes filtros.')).toBeInTheDocument();
  });
});

describe('Insights page for product and CS', () => {
  it('success: opens on the overview with KPIs per month and the plan segment filter', async () => {
    asInternal();
    let lastQuery = '';
    server.use(
      http.get(apiPath('/v1/insights/kpis'), ({ request }) => {
        lastQuery = new URL(request.url).search;
        return undefined;
      }),
    );
    const { user, router } = renderApp('/insights');
    const region = await panel(/visão geral/i);
    expect(await within(region).findByRole('cell', { name: '2026-10-01' })).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Plano'), 'pro');
    await waitFor(() => expect(router.state.location.search).toBe('?plan=pro'));
    await waitFor(() => expect(lastQuery).toBe('?plan=pro'));
  });

  it('success: shows correlations with n, interval, p and the weak/small-n flags', async () => {
    asInternal();
    renderApp('/insights?section=correlations');
    const region = await panel(/correlações/i);
    const rows = await within(region).findAllByRole('row');
    expect(rows[1]).toHaveTextContent('reports_per_week');
    expect(rows[1]).toHaveTextContent('9800');
    expect(rows[1]).toHaveTextContent('fraca');
    expect(rows[2]).toHaveTextContent('n pequeno, não significativa');
    expect(await panel(/razão de chances/i)).toHaveTextContent('low_report_use');
  });

  it('success: marks groups with fewer than k patients as hidden', async () => {
    asInternal();
    renderApp('/insights?section=noShow');
    const region = await panel(/faltas/i);
    expect(await within(region).findByText('oculto (menos de 10 pacientes)')).toBeInTheDocument();
    expect(within(region).getByRole('note')).toHaveTextContent(
      '1 grupos com menos de 10 pacientes estão ocultos',
    );
    expect(within(region).getByRole('cell', { name: '32%' })).toBeInTheDocument();
  });

  it('success: lists clinics at risk with what pulls their score down', async () => {
    asInternal();
    renderApp('/insights?section=health');
    const region = await panel(/saúde/i);
    expect(await within(region).findByText('poucos relatórios, pouco uso')).toBeInTheDocument();
    expect(within(region).getByText('-27')).toBeInTheDocument();
  });

  it('success: draws the retention matrix and the funnel', async () => {
    asInternal();
    const { user } = renderApp('/insights?section=retention');
    const retention = await panel(/retenção/i);
    expect(await within(retention).findByText('80%')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Funil' }));
    expect(await within(await panel(/funil/i)).findByText('60 (66,7%)')).toBeInTheDocument();
  });
});

describe('Insights page error scenarios', () => {
  it.each([
    ['serverError', serverError, 'server'],
    ['networkError', networkError, 'network'],
    ['timeout', timeout, 'timeout'],
    ['rateLimited', (target: { path: string }) => rateLimited(30, target), 'rate-limited'],
    ['malformedJson', malformedJson, 'unexpected'],
  ] as const)('%s: shows the designed state inside the panel', async (_name, scenario, kind) => {
    server.use(...scenario({ path: '/v1/insights/*' }));
    renderApp('/insights');
    const region = await panel(/ciclo de vida/i);
    const title = stateTitle[kind];
    if (!title) throw new Error(`no designed state for ${kind}`);
    expect(await within(region).findByText(title, {}, { timeout: 3_000 })).toBeInTheDocument();
  });
});
