import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useApiClient } from '../../../shared/api/api-client-context.tsx';
import { reportRunKeys } from '../api/report-run-keys.ts';

/** Cancels a queued or running run; on a conflict (it finished meanwhile) the run is re-read. */
export function useCancelReportRun() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.cancelReportRun(id),
    onSuccess: (run) => {
      queryClient.setQueryData(reportRunKeys.detail(run.id), run);
    },
    onSettled: (_run, _error, id) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: reportRunKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: reportRunKeys.detail(id) }),
      ]),
  });
}
