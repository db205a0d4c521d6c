// Offline banner (navigator.onLine) and API-unreachable banner (failed requests). While the API is
// unreachable it re-fetches the active queries with exponential backoff, so the page recovers by itself
// when the server is back: no reload needed.
import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useRuntimeConfig } from '../config/runtime-config.tsx';
import { useCountdown } from '../ui/use-countdown.ts';
import { useConnectivity, type ConnectivityStore } from './connectivity-store.ts';

function ProbeCountdown({ seconds, onDone }: { seconds: number; onDone: () => void }) {
  const { t } = useTranslation();
  const left = useCountdown(seconds, onDone);
  return <span>{t('errors.apiDown', { count: left })}</span>;
}

function ApiDownBanner() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { probeBaseMs, probeMaxMs } = useRuntimeConfig();
  const [probes, setProbes] = useState(0);
  const [probing, setProbing] = useState(false);
  const delaySeconds = Math.ceil(Math.min(probeMaxMs, probeBaseMs * 2 ** probes) / 1000);
  const probe = (): void => {
    setProbing(true);
    void queryClient.refetchQueries({ type: 'active' }).finally(() => {
      setProbing(false);
      setProbes((n) => n + 1);
    });
  };
  return (
    <div role="alert" className="banner banner-api-down" data-testid="api-down-banner">
      {probing ? (
        <span>{t('errors.reconnecting')}</span>
      ) : (
        <ProbeCountdown key={probes} seconds={delaySeconds} onDone={probe} />
      )}{' '}
      <button type="button" onClick={probe} disabled={probing}>
        {t('errors.retryNow')}
      </button>
    </div>
  );
}

export function ConnectivityBanner({ store }: { store: ConnectivityStore }) {
  const { t } = useTranslation();
  const { browserOnline, apiUnreachable } = useConnectivity(store);
  useEffect(() => store.watchBrowser(), [store]);
  if (!browserOnline) {
    return (
      <div role="alert" className="banner banner-offline" data-testid="offline-banner">
        {t('errors.offline')}
      </div>
    );
  }
  return apiUnreachable ? <ApiDownBanner /> : null;
}
