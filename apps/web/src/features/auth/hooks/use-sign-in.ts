import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useApiClient } from '../../../shared/api/api-client-context.tsx';
import { clinicQueryKey } from './use-clinic.ts';
import { useSessionStore } from './use-session.tsx';

/** Stores the token, proves it with GET /v1/clinic, and forgets it again if the API refuses it. */
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
        store.signOut();
        throw error;
      }
    },
    onSuccess: (clinic) => queryClient.setQueryData(clinicQueryKey, clinic),
  });
}
