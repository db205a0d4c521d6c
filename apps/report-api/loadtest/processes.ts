// Processes under test, each started as the real thing (`node src/server.ts`, `node src/worker.ts`, the
// cluster script, the hello-world baseline) on a free loopback port, and stopped by PID.
import { spawn, type ChildProcess } from 'node:child_process';
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import { freePort } from '@repo/db';

export const APP_DIR = fileURLToPath(new URL('..', import.meta.url));
const REPO_DIR = fileURLToPath(new URL('../../..', import.meta.url));

export interface Started {
  url: string;
  pid: number;
  stop: () => Promise<void>;
  /** The last few KB the process printed. */
  output: () => string;
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) {
        resolve();
        return;
      }
      const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      child.kill('SIGTERM');
    });
}

async function waitFor(
  url: string,
  child: ChildProcess,
  timeoutMs: number,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited (${String(child.exitCode)}):\n${output()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} not ready after ${String(timeoutMs)} ms:\n${output()}`);
}

function start(
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  const keep = (chunk: Buffer): void => {
    tail = (tail + chunk.toString('utf8')).slice(-64_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return { child, output: () => tail };
}

export function apiEnv(databaseUrl: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const { REDIS_URL: _redis, ...rest } = process.env;
  return {
    ...rest,
    DATABASE_URL: databaseUrl,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '1000000',
    NODE_ENV: 'production',
    ...extra,
  };
}

export async function startHello(): Promise<Started> {
  const port = await freePort();
  const { child, output } = start(
    ['loadtest/hello-server.ts'],
    { ...process.env, PORT: String(port) },
    APP_DIR,
  );
  const url = `http://127.0.0.1:${String(port)}`;
  await waitFor(`${url}/`, child, 15_000, output);
  return { url, pid: child.pid ?? 0, stop: stopper(child), output };
}

export async function startApi(env: NodeJS.ProcessEnv): Promise<Started> {
  const port = await freePort();
  const { child, output } = start(['src/server.ts'], { ...env, PORT: String(port) }, APP_DIR);
  const url = `http://127.0.0.1:${String(port)}`;
  await waitFor(`${url}/readyz`, child, 60_000, output);
  return { url, pid: child.pid ?? 0, stop: stopper(child), output };
}

/** Report workers run at a lower CPU priority than the API when they share a host (as in cluster mode). */
export const WORKER_NICE = 10;

export async function startWorker(env: NodeJS.ProcessEnv): Promise<Started> {
  const { child, output } = start(['src/worker.ts'], env, APP_DIR);
  if (child.pid) setPriority(child.pid, WORKER_NICE);
  await new Promise((r) => setTimeout(r, 1_500));
  if (child.exitCode !== null) throw new Error(`worker exited:\n${output()}`);
  return { url: '', pid: child.pid ?? 0, stop: stopper(child), output };
}

export async function startCluster(env: NodeJS.ProcessEnv, api: number, workers: number): Promise<Started> {
  const port = await freePort();
  const { child, output } = start(
    ['scripts/cluster.ts', '--api', String(api), '--workers', String(workers)],
    { ...env, PORT: String(port) },
    REPO_DIR,
  );
  const url = `http://127.0.0.1:${String(port)}`;
  await waitFor(`${url}/readyz`, child, 60_000, output);
  return { url, pid: child.pid ?? 0, stop: stopper(child), output };
}
