import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format.ts';

/** Marks data shown from the cache after a refresh failed or while offline. */
export function StaleDataMarker({ updatedAt }: { updatedAt: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <p className="stale-marker" role="note" data-testid="stale-marker">
      {t('errors.stale', { time: format.time(updatedAt) })}
    </p>
  );
}
