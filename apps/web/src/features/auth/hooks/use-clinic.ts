import { useQuery } from '@tanstack/react-query';
import { useApiClient } from '../../../shared/api/api-client-context.tsx';
import { useSession } from './use-session.tsx';

export const clinicQueryKey = ['clinic'] as const;

/** The signed-in clinic's profile (GET /v1/clinic); also the app's heartbeat while signed in. */
export function useClinic() {
  const api = useApiClient();
  const { token } = useSession();
  return useQuery({
    queryKey: clinicQueryKey,
    queryFn: ({ signal }) => api.getClinic({ signal }),
    enabled: token !== null,
    staleTime: 60_000,
  });
}
