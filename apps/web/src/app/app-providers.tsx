import type { ReactNode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { I18nextProvider } from 'react-i18next';
import { SessionProvider } from '../features/auth/hooks/use-session.tsx';
import { ApiClientProvider } from '../shared/api/api-client-context.tsx';
import { AppErrorBoundary } from '../shared/errors/error-boundary.tsx';
import { RuntimeConfigProvider } from '../shared/config/runtime-config.tsx';
import type { AppDeps } from './app-deps.ts';

export function AppProviders({ deps, children }: { deps: AppDeps; children: ReactNode }) {
  return (
    <I18nextProvider i18n={deps.i18n}>
      <AppErrorBoundary>
        <RuntimeConfigProvider config={deps.config}>
          <SessionProvider store={deps.session}>
            <ApiClientProvider client={deps.api}>
              <QueryClientProvider client={deps.queryClient}>{children}</QueryClientProvider>
            </ApiClientProvider>
          </SessionProvider>
        </RuntimeConfigProvider>
      </AppErrorBoundary>
    </I18nextProvider>
  );
}
