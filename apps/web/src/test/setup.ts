import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { createMockApi } from '@repo/api-client/msw';
import { startConsoleGuard, stopConsoleGuard } from './console-guard.ts';
import { captureDownloads, downloads } from './downloads.ts';
import { server } from './server.ts';

// findBy*/waitFor give up after 1 s by default; on a busy 2-core CI machine a render can take longer.
// A real failure still fails, only later.
configure({ asyncUtilTimeout: 10_000 });

// jsdom has no object URLs; the browser's are opaque strings, so any stable string will do.
URL.createObjectURL = () => 'blob:test-download';
URL.revokeObjectURL = () => undefined;
captureDownloads(document);

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
beforeEach(() => {
  server.use(...createMockApi().handlers);
  startConsoleGuard();
});
afterEach(() => {
  cleanup();
  server.resetHandlers();
  localStorage.clear();
  sessionStorage.clear();
  downloads.length = 0;
  stopConsoleGuard();
});
afterAll(() => server.close());
