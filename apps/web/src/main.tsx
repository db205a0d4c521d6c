// Browser entry: in mock mode (`npm run dev:mock`) the MSW worker starts first; then the app renders.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import { createAppDeps } from './app/app-deps.ts';
import './app/styles.css';

async function start(): Promise<void> {
  const mock = import.meta.env.MODE === 'mock';
  if (mock) {
    const { startMockMode } = await import('./app/mock/start-mock-mode.tsx');
    await startMockMode();
  }
  const showDemoTokens = import.meta.env.DEV || mock || import.meta.env.VITE_SHOW_DEMO_TOKENS === '1';
  const deps = createAppDeps({ config: { showDemoTokens } });
  document.documentElement.lang = deps.i18n.language;
  const container = document.getElementById('root');
  if (!container) throw new Error('#root is missing from index.html');
  // Boundaries report what they catch themselves (with the request id); React need not log it twice.
  createRoot(container, { onCaughtError: () => undefined }).render(
    <StrictMode>
      <App deps={deps} />
    </StrictMode>,
  );
}

void start();
