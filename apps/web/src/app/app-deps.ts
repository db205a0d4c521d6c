// The composition root's parts, created once per app (and once per test): session, connectivity,
// API client and query cache.
import { createApiClient, type ApiClient, type ApiClientOptions } from '@repo/api-client';
import type { QueryClient } from '@tanstack/react-query';
import type { i18n as I18n } from 'i18next';
import { createSessionStore, type SessionStore } from '../features/auth/api/session-store.ts';
import { defaultRuntimeConfig, type RuntimeConfig } from '../shared/config/runtime-config.tsx';
import { createI18n, type Locale } from '../shared/i18n/i18n.ts';
import { createConnectivityStore, type ConnectivityStore } from '../shared/network/connectivity-store.ts';
import { createQueryClient } from './create-query-client.ts';

export interface AppDeps {
  session: SessionStore;
  connectivity: ConnectivityStore;
  api: ApiClient;
  queryClient: QueryClient;
  i18n: I18n;
  config: RuntimeConfig;
}

export interface AppDepsOptions {
  baseUrl?: string;
  client?: Partial<Omit<ApiClientOptions, 'getToken' | 'baseUrl'>>;
  config?: Partial<RuntimeConfig>;
  locale?: Locale;
  storage?: Storage;
}

export function createAppDeps(options: AppDepsOptions = {}): AppDeps {
  const session = createSessionStore(options.storage);
  const connectivity = createConnectivityStore();
  const api = createApiClient({
    baseUrl: options.baseUrl ?? import.meta.env.VITE_API_URL ?? '',
    getToken: () => session.getToken(),
    timeoutMs: 10_000,
    ...options.client,
  });
  return {
    session,
    connectivity,
    api,
    queryClient: createQueryClient(session, connectivity),
    i18n: createI18n(options.locale),
    config: { ...defaultRuntimeConfig, ...options.config },
  };
}
