import { useQuery } from '@tanstack/react-query';
import { useApiClient } from '../../../shared/api/api-client-context.tsx';
import { useRuntimeConfig } from '../../../shared/config/runtime-config.tsx';
import { pollDelayMs } from '../api/polling.ts';
import { reportRunKeys } from '../api/report-run-keys.ts';

/** One report run; polls with backoff until it reaches a final state. */
export function useReportRun(id: string) {
  const api = useApiClient();
  const config = useRuntimeConfig();
  return useQuery({
    queryKey: reportRunKeys.detail(id),
    queryFn: ({ signal }) => api.getReportRun(id, { signal }),
    refetchInterval: (query) => {
      const run = query.state.data;
      return run ? pollDelayMs([run], config) : false;
    },
  });
}
