// Data hooks of the insights screens: one query per endpoint and filter set, and the CSV download.
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { InsightQuery } from '@repo/api-client';
import type { z } from 'zod';
import { useApiClient } from '../../../shared/api/api-client-context.tsx';
import { saveFile } from '../../../shared/ui/save-file.ts';

export const insightKeys = {
  all: ['insights'] as const,
  one: (name: string, query: InsightQuery) => ['insights', name, query] as const,
};

export function useInsight<S extends z.ZodType>(name: string, query: InsightQuery, schema: S) {
  const api = useApiClient();
  return useQuery({
    queryKey: insightKeys.one(name, query),
    queryFn: ({ signal }) => api.getInsight(name, query, schema, { signal }),
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
}

export function useDownloadInsightCsv(name: string, query: InsightQuery) {
  const api = useApiClient();
  return useMutation({
    mutationFn: () => api.downloadInsightCsv(name, query),
    onSuccess: (file) => saveFile(file.blob, file.fileName),
  });
}
