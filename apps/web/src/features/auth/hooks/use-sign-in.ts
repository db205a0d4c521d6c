import { useMutation, useQueryClient } from '@tanstack/react-query';
import { isApiError } from '@repo/api-client';
import { useApiClient } from '../../../shared/api/api-client-context.tsx';
import { clinicQueryKey } from './use-clinic.ts';
import { useSessionStore } from './use-session.tsx';

/**
 * Stores the token, proves it with GET /v1/clinic, and forgets it again if the API refuses it. A 403 means a
 * valid internal token (product, cs) that belongs to no clinic: it signs in, with no clinic profile.
 */
export function useSignIn() {
  const api = useApiClient();
  const store = useSessionStore();
  const queryClient = useQueryClient();
  return useMutation({
    meta: { signIn: true },
    mutationFn: async (token: string) => {
      queryClient.clear();
      store.signIn(token);
      try {
        return await api.getClinic();
      } catch (error) {
        if (isApiError(error) && error.kind === 'forbidden') return null;
        store.signOut();
        throw error;
      }
    },
    onSuccess: (clinic) => {
      if (clinic) queryClient.setQueryData(clinicQueryKey, clinic);
    },
  });
}
