import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useApiClient } from '../../../shared/api/api-client-context.tsx';
import { useRuntimeConfig } from '../../../shared/config/runtime-config.tsx';
import { pollDelayMs } from '../api/polling.ts';
import { REPORT_PAGE_SIZE, reportRunKeys } from '../api/report-run-keys.ts';

/** One page of the company's report runs, newest first; polls with backoff while any run is active. */
export function useReportRuns(cursor: string | null) {
  const api = useApiClient();
  const config = useRuntimeConfig();
  return useQuery({
    queryKey: reportRunKeys.list(cursor),
    queryFn: ({ signal }) =>
      api.listReportRuns({ limit: REPORT_PAGE_SIZE, ...(cursor ? { cursor } : {}) }, { signal }),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => pollDelayMs(query.state.data?.data ?? [], config),
  });
}
