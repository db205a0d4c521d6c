// Mock mode (`npm run dev:mock`): the MSW browser worker answers every /v1 call from the shared scenario
// library, and a switcher in the corner picks the failure to show. Never part of the production bundle.
import { createRoot } from 'react-dom/client';
import { setupWorker, type SetupWorker } from 'msw/browser';
import { createMockApi, scenarioCatalog, type ScenarioName } from '@repo/api-client/msw';
import { ScenarioSwitcher } from './scenario-switcher.tsx';

const STORAGE_KEY = 'clinic-reports.mock-scenario';

function apply(worker: SetupWorker, name: ScenarioName): void {
  const scenario = scenarioCatalog.find((s) => s.name === name) ?? scenarioCatalog[0];
  worker.resetHandlers();
  if (scenario) worker.use(...scenario.handlers());
  sessionStorage.setItem(STORAGE_KEY, name);
}

export async function startMockMode(): Promise<void> {
  const mockApi = createMockApi({ pollsPerStep: 1 });
  const worker = setupWorker(...mockApi.handlers);
  await worker.start({ onUnhandledFrame: 'bypass', quiet: true });
  const initial = (sessionStorage.getItem(STORAGE_KEY) ?? 'success') as ScenarioName;
  apply(worker, initial);
  const host = document.createElement('div');
  host.id = 'mock-switcher';
  document.body.append(host);
  createRoot(host).render(<ScenarioSwitcher initial={initial} onChange={(name) => apply(worker, name)} />);
}
