import { useTranslation } from 'react-i18next';

export function InsightsPlaceholder() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="insights-title">
      <h1 id="insights-title">{t('insights.title')}</h1>
      <p>{t('insights.placeholder')}</p>
    </section>
  );
}
