import { RouterProvider, createBrowserRouter } from 'react-router';
import { useState } from 'react';
import type { AppDeps } from './app-deps.ts';
import { AppProviders } from './app-providers.tsx';
import { appRoutes } from './routes.tsx';

type Router = ReturnType<typeof createBrowserRouter>;

/** The whole app. Tests pass a memory router; the browser entry lets it create a browser router. */
export function App({ deps, router }: { deps: AppDeps; router?: Router }) {
  const [appRouter] = useState<Router>(() => router ?? createBrowserRouter(appRoutes(deps.connectivity)));
  return (
    <AppProviders deps={deps}>
      <RouterProvider router={appRouter} />
    </AppProviders>
  );
}
