// Download (succeeded), cancel (queued or running) and run again (failed) for one run. Each action shows
// its own designed error state next to the buttons.
import { useTranslation } from 'react-i18next';
import type { CreateReportRun, ReportRun } from '@repo/contract';
import { ErrorState } from '../../../shared/errors/error-state.tsx';
import { isActive } from '../api/report-run-keys.ts';
import { useCancelReportRun } from '../hooks/use-cancel-report-run.ts';
import { useCreateReportRun } from '../hooks/use-create-report-run.ts';
import { useDownloadReport } from '../hooks/use-download-report.ts';

/** The create body that reproduces a run (same type, format and parameters). */
export function rerunBody(run: ReportRun): CreateReportRun {
  return { type: run.type, format: run.format, parameters: run.parameters } as CreateReportRun;
}

export function ReportRunActions({ run }: { run: ReportRun }) {
  const { t } = useTranslation();
  const download = useDownloadReport();
  const cancel = useCancelReportRun();
  const rerun = useCreateReportRun();
  const typeLabel = t(`reports.types.${run.type}`);
  const error = download.error ?? cancel.error ?? rerun.error;
  return (
    <div className="actions">
      {run.status === 'succeeded' && (
        <button
          type="button"
          onClick={() => download.mutate(run.id)}
          disabled={download.isPending}
          aria-label={`${t('reports.download')}: ${typeLabel} ${run.id}`}
        >
          {download.isPending ? t('reports.downloading') : t('reports.download')}
        </button>
      )}
      {isActive(run) && (
        <button
          type="button"
          onClick={() => cancel.mutate(run.id)}
          disabled={cancel.isPending}
          aria-label={`${t('reports.cancel')}: ${typeLabel} ${run.id}`}
        >
          {cancel.isPending ? t('reports.canceling') : t('reports.cancel')}
        </button>
      )}
      {run.status === 'failed' && (
        <button
          type="button"
          onClick={() => rerun.mutate(rerunBody(run))}
          disabled={rerun.isPending}
          aria-label={`${t('reports.retry')}: ${typeLabel} ${run.id}`}
        >
          {rerun.isPending ? t('reports.retrying') : t('reports.retry')}
        </button>
      )}
      {error && (
        <ErrorState
          error={error}
          onRetry={() => {
            if (download.error) download.mutate(run.id);
            else if (cancel.error) cancel.mutate(run.id);
            else rerun.mutate(rerunBody(run));
          }}
        />
      )}
    </div>
  );
}
