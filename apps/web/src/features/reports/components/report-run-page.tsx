import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../shared/errors/error-state.tsx';
import { useFormat } from '../../../shared/i18n/format.ts';
import { Loading } from '../../../shared/ui/loading.tsx';
import { StaleDataMarker } from '../../../shared/ui/stale-data-marker.tsx';
import { isActive } from '../api/report-run-keys.ts';
import { useReportRun } from '../hooks/use-report-run.ts';
import { ReportRunActions } from './report-run-actions.tsx';
import { ReportStatusBadge } from './report-status-badge.tsx';

export function ReportRunPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const id = useParams().id ?? '';
  const query = useReportRun(id);
  const run = query.data;

  if (query.error?.kind === 'not-found') return <ErrorState error={query.error} />;
  const when = (iso: string | null) => (iso ? format.dateTime(iso) : '—');
  return (
    <section aria-labelledby="run-title" className="run-detail">
      <p>
        <Link to="/reports">{t('reports.detail.back')}</Link>
      </p>
      <h1 id="run-title">{t('reports.detail.title', { id })}</h1>
      {query.isPending && <Loading label={t('reports.detail.loading')} />}
      {query.error && <ErrorState error={query.error} onRetry={() => void query.refetch()} />}
      {run && query.error && <StaleDataMarker updatedAt={query.dataUpdatedAt} />}
      {run && (
        <>
          <p>
            {t(`reports.types.${run.type}`)} · {run.format.toUpperCase()} ·{' '}
            <ReportStatusBadge status={run.status} />
            {isActive(run) && (
              <span className="live" role="status">
                {' '}
                {t('reports.live')}
              </span>
            )}
          </p>
          <dl className="facts">
            <dt>{t('reports.detail.createdAt')}</dt>
            <dd>{when(run.createdAt)}</dd>
            <dt>{t('reports.detail.startedAt')}</dt>
            <dd>{when(run.startedAt)}</dd>
            <dt>{t('reports.detail.finishedAt')}</dt>
            <dd>{when(run.finishedAt)}</dd>
            <dt>{t('reports.detail.expiresAt')}</dt>
            <dd>{when(run.expiresAt)}</dd>
            <dt>{t('reports.detail.attempts')}</dt>
            <dd>{format.number(run.attempts)}</dd>
            {run.file && (
              <>
                <dt>{t('reports.detail.rows')}</dt>
                <dd data-testid="row-count">{format.number(run.file.rowCount)}</dd>
                <dt>{t('reports.detail.size')}</dt>
                <dd>{format.bytes(run.file.byteSize)}</dd>
              </>
            )}
            {run.error && (
              <>
                <dt>{t('reports.detail.error')}</dt>
                <dd>
                  {run.error.message} <code>{run.error.code}</code>
                </dd>
              </>
            )}
          </dl>
          <ReportRunActions run={run} />
        </>
      )}
    </section>
  );
}
