import { useTranslation } from 'react-i18next';
import { CreateReportForm } from './create-report-form.tsx';
import { ReportRunsList } from './report-runs-list.tsx';

export function ReportsPage() {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t('reports.title')}</h1>
      <CreateReportForm />
      <ReportRunsList />
    </>
  );
}
