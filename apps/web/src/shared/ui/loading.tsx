// A loading state that ends: every request has a client timeout, and after `slowHintMs` it says so.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRuntimeConfig } from '../config/runtime-config.tsx';

export function Loading({ label }: { label: string }) {
  const { t } = useTranslation();
  const { slowHintMs } = useRuntimeConfig();
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setSlow(true), slowHintMs);
    return () => clearTimeout(timer);
  }, [slowHintMs]);
  return (
    <div role="status" aria-live="polite" className="loading">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
      {slow && <span className="hint"> {t('errors.stillLoading')}</span>}
    </div>
  );
}
