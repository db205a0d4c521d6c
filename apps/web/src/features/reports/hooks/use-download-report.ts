import { useMutation } from '@tanstack/react-query';
import { useApiClient } from '../../../shared/api/api-client-context.tsx';
import { saveFile } from '../../../shared/ui/save-file.ts';

/** Downloads a finished run's file with the bearer token and hands it to the browser. */
export function useDownloadReport() {
  const api = useApiClient();
  return useMutation({
    mutationFn: (id: string) => api.downloadReportFile(id),
    onSuccess: (file) => saveFile(file.blob, file.fileName),
  });
}
