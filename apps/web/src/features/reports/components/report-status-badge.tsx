import { useTranslation } from 'react-i18next';
import type { ReportRunStatus } from '@repo/contract';

export function ReportStatusBadge({ status }: { status: ReportRunStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-${status}`} data-status={status}>
      {t(`reports.statuses.${status}`)}
    </span>
  );
}
