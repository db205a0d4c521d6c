// The designed state of each kind of API error. Screens render <ErrorState error={...} onRetry={...} />
// instead of inventing their own; the kinds come from the client's taxonomy.
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '@repo/api-client';
import { isApiUnreachable } from '../network/connectivity-store.ts';
import { useCountdown } from '../ui/use-countdown.ts';

export function RequestId({ id }: { id: string }) {
  const { t } = useTranslation();
  return (
    <p className="request-id">
      <small>{t('errors.requestId', { id })}</small>
    </p>
  );
}

function Panel(props: {
  title: string;
  body: ReactNode;
  requestId: string;
  action?: ReactNode;
  kind: string;
}) {
  return (
    <div role="alert" className={`error-state error-${props.kind}`} data-error-kind={props.kind}>
      <p className="error-title">
        <strong>{props.title}</strong>
      </p>
      <p>{props.body}</p>
      {props.action}
      <RequestId id={props.requestId} />
    </div>
  );
}

function RetryButton({ onRetry, label }: { onRetry: (() => void) | undefined; label?: string }) {
  const { t } = useTranslation();
  if (!onRetry) return null;
  return (
    <button type="button" onClick={onRetry}>
      {label ?? t('errors.retry')}
    </button>
  );
}

function RateLimitedState({
  error,
  onRetry,
}: {
  error: ApiError & { kind: 'rate-limited' };
  onRetry?: () => void;
}) {
  const { t } = useTranslation();
  const left = useCountdown(error.retryAfterSeconds, onRetry);
  return (
    <Panel
      kind={error.kind}
      title={t('errors.rateLimited.title')}
      body={<span data-testid="countdown">{t('errors.rateLimited.body', { count: left })}</span>}
      requestId={error.requestId}
      action={left === 0 ? <RetryButton onRetry={onRetry} /> : null}
    />
  );
}

export function NotFoundState({ requestId }: { requestId?: string }) {
  const { t } = useTranslation();
  return (
    <section className="not-found" aria-labelledby="not-found-title">
      <h1 id="not-found-title">{t('errors.notFound.title')}</h1>
      <p>{t('errors.notFound.body')}</p>
      <p>
        <Link to="/reports">{t('errors.notFound.home')}</Link>
      </p>
      {requestId && <RequestId id={requestId} />}
    </section>
  );
}

export function ErrorState({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { t } = useTranslation();
  const detail = 'problem' in error ? error.problem?.detail : undefined;
  // A gateway answering 502/503/504 without a problem body means the API itself is unreachable.
  if (error.kind === 'server' && isApiUnreachable(error)) {
    return (
      <Panel
        kind="network"
        title={t('errors.network.title')}
        body={t('errors.network.body')}
        requestId={error.requestId}
        action={<RetryButton onRetry={onRetry} />}
      />
    );
  }
  switch (error.kind) {
    case 'aborted':
      return null;
    case 'network':
      return (
        <Panel
          kind={error.kind}
          title={t('errors.network.title')}
          body={t('errors.network.body')}
          requestId={error.requestId}
          action={<RetryButton onRetry={onRetry} />}
        />
      );
    case 'server':
      return (
        <Panel
          kind={error.kind}
          title={t('errors.server.title')}
          body={t('errors.server.body')}
          requestId={error.requestId}
          action={<RetryButton onRetry={onRetry} />}
        />
      );
    case 'timeout':
      return (
        <Panel
          kind={error.kind}
          title={t('errors.timeout.title')}
          body={t('errors.timeout.body')}
          requestId={error.requestId}
          action={<RetryButton onRetry={onRetry} />}
        />
      );
    case 'rate-limited':
      return <RateLimitedState error={error} {...(onRetry ? { onRetry } : {})} />;
    case 'unauthorized':
      return (
        <Panel
          kind={error.kind}
          title={t('errors.unauthorized.title')}
          body={t('errors.unauthorized.body')}
          requestId={error.requestId}
          action={<Link to="/sign-in">{t('auth.submit')}</Link>}
        />
      );
    case 'forbidden':
      return (
        <Panel
          kind={error.kind}
          title={t('errors.forbidden.title')}
          body={t('errors.forbidden.body')}
          requestId={error.requestId}
        />
      );
    case 'not-found':
      return <NotFoundState requestId={error.requestId} />;
    case 'conflict':
      return (
        <Panel
          kind={error.kind}
          title={t('errors.conflict.title')}
          body={detail ?? t('errors.conflict.body')}
          requestId={error.requestId}
          action={<RetryButton onRetry={onRetry} />}
        />
      );
    case 'validation':
      return (
        <Panel
          kind={error.kind}
          title={t('errors.validation.title')}
          body={
            error.fieldErrors.length > 0 ? (
              <span>{error.fieldErrors.map((f) => `${f.field}: ${f.message}`).join('; ')}</span>
            ) : (
              (detail ?? t('errors.validation.body'))
            )
          }
          requestId={error.requestId}
        />
      );
    case 'unexpected':
      return (
        <Panel
          kind={error.kind}
          title={t('errors.unexpected.title')}
          body={t('errors.unexpected.body')}
          requestId={error.requestId}
          action={<RetryButton onRetry={onRetry} />}
        />
      );
  }
}
