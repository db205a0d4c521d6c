// The top-level safety net: anything that escapes a designed state lands here, is reported with its
// request id (or a client incident id), and the person can quote that id and reload.
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { reportError, requestIdOf } from './report-error.ts';
import { RequestId } from './error-state.tsx';

export function CrashScreen({ requestId, onReset }: { requestId: string; onReset?: () => void }) {
  const { t } = useTranslation();
  return (
    <section role="alert" className="crash" aria-labelledby="crash-title">
      <h1 id="crash-title">{t('errors.unexpected.title')}</h1>
      <p>{t('errors.unexpected.body')}</p>
      <RequestId id={requestId} />
      <button type="button" onClick={onReset ?? (() => window.location.reload())}>
        {t('errors.unexpected.reload')}
      </button>
    </section>
  );
}

interface State {
  requestId: string | null;
}

export class AppErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { requestId: null };

  static getDerivedStateFromError(error: unknown): State {
    return { requestId: requestIdOf(error) };
  }

  override componentDidCatch(error: unknown, _info: ErrorInfo): void {
    reportError(error, this.state.requestId ?? requestIdOf(error));
  }

  override render(): ReactNode {
    if (this.state.requestId) {
      return (
        <CrashScreen requestId={this.state.requestId} onReset={() => this.setState({ requestId: null })} />
      );
    }
    return this.props.children;
  }
}
