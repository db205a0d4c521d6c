// The real stack for the e2e suite: a fresh seeded database, the API, the worker and the built web app
// (vite preview, proxying /v1 to the API). The spec can stop and restart the API mid-flow.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, httpOk, start, stop, waitFor, type Started } from './processes.ts';

export const repoRoot = join(import.meta.dirname, '..', '..', '..', '..');
const webDir = join(repoRoot, 'apps', 'web');

export interface Stack {
  webUrl: string;
  apiUrl: string;
  databaseUrl: string;
  stopApi: () => Promise<void>;
  startApi: () => Promise<void>;
  close: () => Promise<void>;
}

export async function startStack(): Promise<Stack> {
  const reportsDir = mkdtempSync(join(tmpdir(), 'e2e-web-reports-'));
  const database = start('db', process.execPath, [join(webDir, 'e2e', 'support', 'database.ts')], {
    cwd: repoRoot,
    env: { ...process.env },
  });
  // Build the web app while the database is created and seeded: they do not depend on each other.
  const vite = join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  const build = start('build', process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: webDir,
    env: { ...process.env },
  });
  const built = new Promise<void>((resolve, reject) => {
    build.child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`vite build failed:\n${build.output()}`)),
    );
  });
  built.catch(() => undefined); // awaited below; this only keeps an early failure from being "unhandled"
  let databaseUrl = '';
  await waitFor(
    'database',
    () => {
      const match = /READY (\S+)/.exec(database.output());
      if (match?.[1]) databaseUrl = match[1];
      return Boolean(match);
    },
    database,
    90_000,
  );

  const [apiPort, webPort] = [await freePort(), await freePort()];
  const apiUrl = `http://127.0.0.1:${String(apiPort)}`;
  const webUrl = `http://127.0.0.1:${String(webPort)}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: String(apiPort),
    HOST: '127.0.0.1',
    WEB_ORIGIN: webUrl,
    REPORTS_DIR: reportsDir,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '100000',
  };

  let api: Started | undefined;
  const startApi = async (): Promise<void> => {
    api = start('api', process.execPath, ['apps/report-api/src/server.ts'], { cwd: repoRoot, env });
    await waitFor('API', () => httpOk(`${apiUrl}/healthz`), api, 60_000);
  };
  const stopApi = async (): Promise<void> => {
    if (api) await stop(api.child);
  };
  await startApi();
  const worker = start('worker', process.execPath, ['apps/report-api/src/worker.ts'], { cwd: repoRoot, env });

  await built;
  const web = start(
    'web',
    process.execPath,
    [vite, 'preview', '--port', String(webPort), '--strictPort', '--host', '127.0.0.1'],
    {
      cwd: webDir,
      env: { ...process.env, API_URL: apiUrl },
    },
  );
  await waitFor('web app', () => httpOk(webUrl), web, 30_000);

  return {
    webUrl,
    apiUrl,
    databaseUrl,
    stopApi,
    startApi,
    close: async () => {
      await stop(web.child);
      await stop(worker.child);
      await stopApi();
      await stop(database.child);
      rmSync(reportsDir, { recursive: true, force: true });
    },
  };
}
