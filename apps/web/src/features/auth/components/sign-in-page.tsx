import { useId, useState, type SubmitEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../shared/errors/error-state.tsx';
import { useRuntimeConfig } from '../../../shared/config/runtime-config.tsx';
import { useSignIn } from '../hooks/use-sign-in.ts';

export const DEMO_TOKENS = ['demo-clinic-a', 'demo-clinic-b', 'demo-product', 'demo-cs'] as const;

/** Only same-app paths: never an open redirect. */
function safeReturnTo(value: string | null): string {
  return value?.startsWith('/') && !value.startsWith('//') && !value.startsWith('/sign-in')
    ? value
    : '/reports';
}

export function SignInPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { showDemoTokens } = useRuntimeConfig();
  const signIn = useSignIn();
  const [token, setToken] = useState('');
  const [missing, setMissing] = useState(false);
  const inputId = useId();
  const errorId = useId();
  const returnTo = safeReturnTo(params.get('returnTo'));

  const attempt = (value: string): void => {
    signIn.mutate(value, { onSuccess: () => void navigate(returnTo, { replace: true }) });
  };

  const submit = (event: SubmitEvent): void => {
    event.preventDefault();
    const value = token.trim();
    setMissing(value === '');
    if (value === '') return;
    attempt(value);
  };

  const invalid = missing || signIn.error?.kind === 'unauthorized';
  return (
    <section className="sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{t('auth.title')}</h1>
      {params.get('expired') === '1' && (
        <p role="status" className="notice">
          {t('auth.expired')}
        </p>
      )}
      <p>{t('auth.intro')}</p>
      <form onSubmit={submit} noValidate>
        <label htmlFor={inputId}>{t('auth.tokenLabel')}</label>
        <input
          id={inputId}
          name="token"
          type="password"
          autoComplete="off"
          value={token}
          onChange={(e) => setToken(e.target.value)}
          aria-invalid={invalid}
          aria-describedby={invalid ? errorId : undefined}
        />
        {invalid && (
          <p id={errorId} className="field-error">
            {missing ? t('auth.tokenRequired') : t('auth.invalidToken')}
          </p>
        )}
        <button type="submit" disabled={signIn.isPending}>
          {signIn.isPending ? t('auth.submitting') : t('auth.submit')}
        </button>
      </form>
      {signIn.error && !invalid && <ErrorState error={signIn.error} onRetry={() => attempt(token.trim())} />}
      {showDemoTokens && (
        <aside aria-labelledby="demo-tokens-title" className="demo-tokens">
          <h2 id="demo-tokens-title">{t('auth.demoTitle')}</h2>
          <ul>
            {DEMO_TOKENS.map((demo) => (
              <li key={demo}>
                <button type="button" className="link" onClick={() => setToken(demo)}>
                  {t('auth.useToken', { token: demo })}
                </button>
              </li>
            ))}
          </ul>
        </aside>
      )}
    </section>
  );
}
