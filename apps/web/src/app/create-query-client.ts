// TanStack Query wired to the error taxonomy: the API client owns retries (so queries do not retry again),
// a 401 anywhere expires the session, and every outcome tells the connectivity store whether the API is
// reachable. networkMode 'always': requests run and fail visibly instead of pausing forever when offline.
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from '@repo/api-client';
import type { SessionStore } from '../features/auth/api/session-store.ts';
import { isApiUnreachable, type ConnectivityStore } from '../shared/network/connectivity-store.ts';
import '../shared/api/query-types.ts';

export function createQueryClient(session: SessionStore, connectivity: ConnectivityStore): QueryClient {
  const onError = (error: unknown, isSignIn: boolean): void => {
    if (!isApiError(error)) return;
    if (isApiUnreachable(error)) connectivity.reportNetworkFailure();
    else if (error.kind !== 'aborted' && error.kind !== 'timeout') connectivity.reportSuccess();
    if (error.kind === 'unauthorized' && !isSignIn) session.expire();
  };
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error) => onError(error, false),
      onSuccess: () => connectivity.reportSuccess(),
    }),
    mutationCache: new MutationCache({
      onError: (error, _vars, _ctx, mutation) => onError(error, mutation.meta?.signIn === true),
      onSuccess: () => connectivity.reportSuccess(),
    }),
    defaultOptions: {
      queries: { retry: false, networkMode: 'always', staleTime: 5_000, refetchOnWindowFocus: true },
      mutations: { retry: false, networkMode: 'always' },
    },
  });
}
