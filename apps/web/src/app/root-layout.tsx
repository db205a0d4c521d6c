import { NavLink, Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useClinic } from '../features/auth/hooks/use-clinic.ts';
import { useSession, useSessionStore } from '../features/auth/hooks/use-session.tsx';
import { insightsNavItem } from '../features/insights-slot/insights-slot.tsx';
import { isLocale, locales, rememberLocale } from '../shared/i18n/i18n.ts';
import { ConnectivityBanner } from '../shared/network/connectivity-banner.tsx';
import type { ConnectivityStore } from '../shared/network/connectivity-store.ts';

function LocaleSwitcher() {
  const { t, i18n } = useTranslation();
  return (
    <label className="locale">
      {t('app.language')}{' '}
      <select
        value={i18n.language}
        onChange={(e) => {
          const locale = e.target.value;
          if (!isLocale(locale)) return;
          rememberLocale(locale);
          void i18n.changeLanguage(locale);
          document.documentElement.lang = locale;
        }}
      >
        {locales.map((locale) => (
          <option key={locale} value={locale}>
            {locale === 'pt-BR' ? 'Português (Brasil)' : 'English'}
          </option>
        ))}
      </select>
    </label>
  );
}

function SessionMenu() {
  const { t } = useTranslation();
  const store = useSessionStore();
  const clinic = useClinic();
  return (
    <div className="session">
      {clinic.data && <span>{t('app.signedInAs', { name: clinic.data.name })}</span>}{' '}
      <button type="button" onClick={() => store.signOut()}>
        {t('app.signOut')}
      </button>
    </div>
  );
}

export function RootLayout({ connectivity }: { connectivity: ConnectivityStore }) {
  const { t } = useTranslation();
  const { token } = useSession();
  return (
    <>
      <a className="skip" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="top">
        <span className="brand">{t('app.title')}</span>
        {token && (
          <nav aria-label={t('app.nav.label')}>
            <NavLink to="/reports">{t('app.nav.reports')}</NavLink>
            <NavLink to={insightsNavItem.to}>{t(insightsNavItem.labelKey)}</NavLink>
          </nav>
        )}
        <LocaleSwitcher />
        {token && <SessionMenu />}
      </header>
      <ConnectivityBanner store={connectivity} />
      <main id="main">
        <Outlet />
      </main>
    </>
  );
}
