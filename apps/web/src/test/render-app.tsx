// Renders the real app (real providers, router, API client) against MSW, signed in or not.
import { render, renderHook, type RenderHookResult } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { createMemoryRouter } from 'react-router';
import { App } from '../app/app.tsx';
import { createAppDeps, type AppDeps, type AppDepsOptions } from '../app/app-deps.ts';
import { AppProviders } from '../app/app-providers.tsx';
import { appRoutes } from '../app/routes.tsx';

export const TEST_API = 'http://api.test';

export function testDeps(options: AppDepsOptions & { token?: string | null } = {}): AppDeps {
  const deps = createAppDeps({
    baseUrl: TEST_API,
    locale: 'pt-BR',
    ...options,
    client: {
      timeoutMs: 500,
      retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 0 },
      ...options.client,
    },
    config: {
      pollBaseMs: 40,
      pollFactor: 1,
      pollMaxMs: 200,
      probeBaseMs: 1_000,
      slowHintMs: 100,
      ...options.config,
    },
  });
  const token = options.token === undefined ? 'demo-clinic-a' : options.token;
  if (token) deps.session.signIn(token);
  return deps;
}

export function renderApp(path: string, options: Parameters<typeof testDeps>[0] = {}) {
  const deps = testDeps(options);
  const router = createMemoryRouter(appRoutes(deps.connectivity), { initialEntries: [path] });
  const user = userEvent.setup();
  const view = render(<App deps={deps} router={router} />, { onCaughtError: () => undefined });
  return { ...view, deps, router, user };
}

export function renderWithDeps<T>(
  hook: () => T,
  options: Parameters<typeof testDeps>[0] = {},
): RenderHookResult<T, unknown> & {
  deps: AppDeps;
} {
  const deps = testDeps(options);
  const wrapper = ({ children }: { children: ReactNode }) => (
    <AppProviders deps={deps}>{children}</AppProviders>
  );
  return { ...renderHook(hook, { wrapper }), deps };
}
