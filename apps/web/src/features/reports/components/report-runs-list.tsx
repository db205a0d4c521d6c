import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../shared/errors/error-state.tsx';
import { useFormat } from '../../../shared/i18n/format.ts';
import { Loading } from '../../../shared/ui/loading.tsx';
import { StaleDataMarker } from '../../../shared/ui/stale-data-marker.tsx';
import { isActive } from '../api/report-run-keys.ts';
import { useReportRuns } from '../hooks/use-report-runs.ts';
import { ReportRunActions } from './report-run-actions.tsx';
import { ReportStatusBadge } from './report-status-badge.tsx';

export function ReportRunsList() {
  const { t } = useTranslation();
  const format = useFormat();
  // Cursor pagination: a stack of the cursors that led to each page; the first page has cursor null.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors.at(-1) ?? null;
  const runs = useReportRuns(cursor);
  const retry = () => void runs.refetch();

  return (
    <section aria-labelledby="runs-title" className="runs">
      <h2 id="runs-title">{t('reports.listTitle')}</h2>
      {runs.isPending && <Loading label={t('reports.loading')} />}
      {runs.error && <ErrorState error={runs.error} onRetry={retry} />}
      {runs.data && runs.error && <StaleDataMarker updatedAt={runs.dataUpdatedAt} />}
      {runs.data && (
        <>
          {runs.data.data.some(isActive) && (
            <p className="live" role="status">
              {t('reports.live')}
            </p>
          )}
          {runs.data.data.length === 0 ? (
            <p>{t('reports.empty')}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('reports.columns.type')}</th>
                    <th scope="col">{t('reports.columns.format')}</th>
                    <th scope="col">{t('reports.columns.status')}</th>
                    <th scope="col">{t('reports.columns.createdAt')}</th>
                    <th scope="col">{t('reports.columns.rows')}</th>
                    <th scope="col">{t('reports.columns.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {runs.data.data.map((run) => (
                    <tr key={run.id} data-run-id={run.id}>
                      <td>
                        <Link to={`/reports/${encodeURIComponent(run.id)}`}>
                          {t(`reports.types.${run.type}`)}
                        </Link>
                      </td>
                      <td>{run.format.toUpperCase()}</td>
                      <td>
                        <ReportStatusBadge status={run.status} />
                      </td>
                      <td>{format.dateTime(run.createdAt)}</td>
                      <td>{run.file ? format.number(run.file.rowCount) : '—'}</td>
                      <td>
                        <ReportRunActions run={run} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <nav className="pager" aria-label={t('reports.page', { page: cursors.length })}>
            <button
              type="button"
              disabled={cursors.length === 1}
              onClick={() => setCursors((c) => c.slice(0, -1))}
            >
              {t('reports.previous')}
            </button>
            <span>{t('reports.page', { page: cursors.length })}</span>
            <button
              type="button"
              disabled={!runs.data.nextCursor || runs.isPlaceholderData}
              onClick={() => {
                const next = runs.data.nextCursor;
                if (next) setCursors((c) => [...c, next]);
              }}
            >
              {t('reports.next')}
            </button>
          </nav>
        </>
      )}
    </section>
  );
}
