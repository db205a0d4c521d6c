import { useRef } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateReportRun } from '@repo/contract';
import { useApiClient } from '../../../shared/api/api-client-context.tsx';
import { reportRunKeys } from '../api/report-run-keys.ts';

/**
 * Creates a report run. One Idempotency-Key per create intent: re-submitting the same body after a failure
 * reuses the key (so a request that did reach the server is not duplicated); a changed body or a success
 * starts a new intent.
 */
export function useCreateReportRun() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  const intent = useRef<{ body: string; key: string } | null>(null);
  return useMutation({
    mutationFn: (body: CreateReportRun) => {
      const json = JSON.stringify(body);
      if (intent.current?.body !== json) intent.current = { body: json, key: api.newIdempotencyKey() };
      return api.createReportRun(body, { idempotencyKey: intent.current.key });
    },
    onSuccess: (run) => {
      intent.current = null;
      queryClient.setQueryData(reportRunKeys.detail(run.id), run);
      return queryClient.invalidateQueries({ queryKey: reportRunKeys.lists() });
    },
  });
}
