import { act, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { http, HttpResponse } from 'msw';
import { createApiError } from '@repo/api-client';
import { createMockApi, networkError } from '@repo/api-client/msw';
import { expectConsoleError } from '../test/console-guard.ts';
import { server } from '../test/server.ts';
import { renderApp, testDeps } from '../test/render-app.tsx';
import { InsightsPlaceholder } from '../features/insights-slot/components/insights-placeholder.tsx';
import { AppProviders } from './app-providers.tsx';
import { RouteError } from './route-error.tsx';

function Thrower(): never {
  throw createApiError({
    kind: 'unexpected',
    reason: 'boom',
    requestId: 'req-crash-42',
    method: 'GET',
    path: '/v1/x',
  });
}

describe('app shell', () => {
  it('success: / sends a signed-in person to the reports', async () => {
    const { router } = renderApp('/');
    await waitFor(() => expect(router.state.location.pathname).toBe('/reports'));
    expect(await screen.findByText('Conectado como Clínica Sorriso (demo A)')).toBeInTheDocument();
  });

  it('unauthorized: a signed-out visit to a page goes to sign-in and back after it', async () => {
    const { router, user } = renderApp('/reports/run-1', { token: null });
    await waitFor(() => expect(router.state.location.pathname).toBe('/sign-in'));
    await user.type(screen.getByLabelText('Token de acesso'), 'demo-clinic-a');
    await user.click(screen.getByRole('button', { name: 'Entrar' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/reports/run-1'));
  });

  it('notFound: an unknown route shows the not-found page', async () => {
    renderApp('/no/such/page');
    expect(await screen.findByRole('heading', { name: 'Não encontrado' })).toBeInTheDocument();
  });

  it('success: the insights slot is in the navigation', async () => {
    renderApp('/reports');
    const nav = await screen.findByRole('navigation', { name: 'Navegação principal' });
    expect(within(nav).getByRole('link', { name: 'Insights' })).toHaveAttribute('href', '/insights');
  });

  it('success: the insights placeholder explains the empty slot', () => {
    render(
      <AppProviders deps={testDeps()}>
        <InsightsPlaceholder />
      </AppProviders>,
    );
    expect(screen.getByText(/insights de produto chegam em breve/i)).toBeInTheDocument();
  });

  it('success: signing out returns to the sign-in page', async () => {
    const { user, router } = renderApp('/reports');
    await user.click(screen.getByRole('button', { name: 'Sair' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/sign-in'));
    expect(screen.queryByText(/sua sessão expirou/i)).not.toBeInTheDocument();
  });

  it('success: switching to English translates the UI and formats dates per locale', async () => {
    const { user } = renderApp('/reports');
    expect(await screen.findAllByText('28/11/2026, 12:00')).not.toHaveLength(0);
    await user.selectOptions(screen.getByLabelText('Idioma'), 'en');
    expect(await screen.findByRole('heading', { name: 'Reports' })).toBeInTheDocument();
    expect(await screen.findAllByText('11/28/26, 12:00 PM')).not.toHaveLength(0);
    expect(localStorage.getItem('clinic-reports.locale')).toBe('en');
    expect(document.documentElement.lang).toBe('en');
  });
});

describe('connectivity', () => {
  it('offline: the browser going offline shows the offline banner, and it goes away when back online', async () => {
    renderApp('/reports');
    await screen.findAllByRole('row');
    const onLine = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine');
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    act(() => {
      window.dispatchEvent(new Event('offline'));
    });
    expect(await screen.findByTestId('offline-banner')).toHaveTextContent('Você está offline');
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => true });
    act(() => {
      window.dispatchEvent(new Event('online'));
    });
    await waitFor(() => expect(screen.queryByTestId('offline-banner')).not.toBeInTheDocument());
    if (onLine) Object.defineProperty(Navigator.prototype, 'onLine', onLine);
  });

  it('networkError then recovery: the API-down banner probes with backoff and the page recovers without a reload', async () => {
    server.use(...networkError());
    renderApp('/reports', { config: { probeBaseMs: 300 } });
    expect(await screen.findByTestId('api-down-banner')).toHaveTextContent(/sem conexão com o servidor/i);
    server.resetHandlers();
    server.use(...createMockApi().handlers);
    await waitFor(() => expect(screen.queryByTestId('api-down-banner')).not.toBeInTheDocument(), {
      timeout: 4_000,
    });
    const region = await screen.findByRole('region', { name: 'Relatórios solicitados' });
    expect(await within(region).findAllByRole('row', {}, { timeout: 3_000 })).toHaveLength(4);
  });

  it('serverError from a gateway (502 without a problem body): shows the API-down banner too', async () => {
    server.use(http.all('*/v1/*', () => new HttpResponse('Bad Gateway', { status: 502 })));
    renderApp('/reports', { config: { probeBaseMs: 60_000, probeMaxMs: 60_000 } });
    expect(await screen.findByTestId('api-down-banner')).toBeInTheDocument();
    const region = await screen.findByRole('region', { name: 'Relatórios solicitados' });
    expect(await within(region).findByText('Sem conexão com o servidor')).toBeInTheDocument();
  });

  it('networkError: "Retry now" probes at once', async () => {
    server.use(...networkError());
    const { user } = renderApp('/reports', { config: { probeBaseMs: 60_000, probeMaxMs: 60_000 } });
    const banner = await screen.findByTestId('api-down-banner');
    server.resetHandlers();
    server.use(...createMockApi().handlers);
    await user.click(within(banner).getByRole('button', { name: 'Tentar agora' }));
    await waitFor(() => expect(screen.queryByTestId('api-down-banner')).not.toBeInTheDocument());
  });
});

describe('error boundaries', () => {
  it('unexpected: the top-level boundary shows the request id of what crashed and can reset', async () => {
    expectConsoleError(/\[request req-crash-42\]/);
    const deps = testDeps();
    render(
      <AppProviders deps={deps}>
        <Thrower />
      </AppProviders>,
      { onCaughtError: () => undefined },
    );
    expect(await screen.findByRole('heading', { name: 'Algo deu errado' })).toBeInTheDocument();
    expect(screen.getByText('Código da requisição: req-crash-42')).toBeInTheDocument();
  });

  it('unexpected: a route that crashes shows the crash screen with the request id', async () => {
    expectConsoleError(/\[request req-crash-42\]/);
    expectConsoleError(/React Router caught the following error during render/);
    const deps = testDeps();
    const router = createMemoryRouter([{ path: '/', element: <Thrower />, errorElement: <RouteError /> }]);
    render(
      <AppProviders deps={deps}>
        <RouterProvider router={router} />
      </AppProviders>,
      { onCaughtError: () => undefined },
    );
    expect(await screen.findByText('Código da requisição: req-crash-42')).toBeInTheDocument();
  });
});
