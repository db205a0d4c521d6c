import { Navigate, Outlet, type RouteObject } from 'react-router';
import { RequireSession } from '../features/auth/components/require-session.tsx';
import { SignInPage } from '../features/auth/components/sign-in-page.tsx';
import { insightsRoute } from '../features/insights-slot/insights-slot.tsx';
import { ReportRunPage } from '../features/reports/components/report-run-page.tsx';
import { ReportsPage } from '../features/reports/components/reports-page.tsx';
import { NotFoundState } from '../shared/errors/error-state.tsx';
import type { ConnectivityStore } from '../shared/network/connectivity-store.ts';
import { RootLayout } from './root-layout.tsx';
import { RouteError } from './route-error.tsx';
// gen:route-imports (npm run gen feature adds page imports above this line)

export function appRoutes(connectivity: ConnectivityStore): RouteObject[] {
  return [
    {
      element: <RootLayout connectivity={connectivity} />,
      errorElement: <RouteError />,
      children: [
        {
          errorElement: <RouteError />,
          children: [
            { index: true, element: <Navigate to="/reports" replace /> },
            { path: 'sign-in', element: <SignInPage /> },
            {
              element: (
                <RequireSession>
                  <Outlet />
                </RequireSession>
              ),
              children: [
                { path: 'reports', element: <ReportsPage /> },
                { path: 'reports/:id', element: <ReportRunPage /> },
                insightsRoute,
                // gen:routes (npm run gen feature adds signed-in routes above this line)
              ],
            },
            { path: '*', element: <NotFoundState /> },
          ],
        },
      ],
    },
  ];
}
