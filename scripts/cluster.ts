// `npm run start:cluster -- --api N --workers M`: N report-api processes behind one port and M report
// workers, all on one PostgreSQL. node:cluster is the load balancer: the primary accepts connections and
// hands them to the API processes round-robin (SCHED_RR), which is possible because the API keeps no state
// between requests (sessions are bearer tokens, queue and idempotency live in PostgreSQL, the shared cache
// and the per-company rate-limit counters in Redis when REDIS_URL is set). Crashed processes are restarted; SIGTERM stops everything gracefully.
import cluster, { type Worker } from 'node:cluster';
import { fork, type ChildProcess } from 'node:child_process';
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { migrate, resolveDatabase } from '@repo/db';

const API_ENTRY = fileURLToPath(new URL('../apps/report-api/src/server.ts', import.meta.url));
const WORKER_ENTRY = fileURLToPath(new URL('../apps/report-api/src/worker.ts', import.meta.url));
const APP_DIR = fileURLToPath(new URL('../apps/report-api/', import.meta.url));
/** CPU priority (nice) of report work on a shared host: the worker processes and their report queries. */
const REPORT_NICE = 10;

export interface ClusterArgs {
  api: number;
  workers: number;
}

export function parseClusterArgs(argv: string[]): ClusterArgs {
  const { values } = parseArgs({
    args: argv,
    options: { api: { type: 'string', default: '2' }, workers: { type: 'string', default: '1' } },
    strict: true,
  });
  const api = Number(values.api);
  const workers = Number(values.workers);
  if (!Number.isInteger(api) || api < 1 || api > 64)
    throw new RangeError('--api must be an integer from 1 to 64');
  if (!Number.isInteger(workers) || workers < 0 || workers > 64)
    throw new RangeError('--workers must be an integer from 0 to 64');
  return { api, workers };
}

function log(message: string): void {
  process.stdout.write(`[cluster] ${message}\n`);
}

async function main(): Promise<void> {
  const args = parseClusterArgs(process.argv.slice(2));
  // One database for every process: resolved (and migrated) once here, then passed down.
  const database = await resolveDatabase(process.env);
  await migrate(database.url);
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: database.url };
  const port = Number(env.PORT ?? 3000);
  let stopping = false;
  let listening = 0;

  cluster.setupPrimary({ exec: API_ENTRY, cwd: APP_DIR, silent: false });
  cluster.schedulingPolicy = cluster.SCHED_RR;
  const forkApi = (): Worker => cluster.fork({ ...env, PORT: String(port) });
  cluster.on('listening', (worker) => {
    listening += 1;
    log(`api process ${String(worker.process.pid)} listening (${String(listening)}/${String(args.api)})`);
    if (listening === args.api) {
      log(
        `ready: http://127.0.0.1:${String(port)} -> ${String(args.api)} API processes, ${String(args.workers)} workers`,
      );
    }
  });
  cluster.on('exit', (worker, code, signal) => {
    listening = Math.max(0, listening - 1);
    if (stopping) return;
    log(`api process ${String(worker.process.pid)} exited (${signal || String(code)}); restarting`);
    setTimeout(forkApi, 1_000);
  });
  for (let i = 0; i < args.api; i += 1) forkApi();

  const workers = new Set<ChildProcess>();
  const forkWorker = (): void => {
    // Reports yield the CPU to interactive requests when they share a host: the worker process, and the
    // PostgreSQL backends of its report queries when the database is local too (decision 033).
    const child = fork(WORKER_ENTRY, [], {
      cwd: APP_DIR,
      env: { ...env, REPORT_DB_NICE: env.REPORT_DB_NICE ?? String(REPORT_NICE) },
      stdio: 'inherit',
    });
    if (child.pid) setPriority(child.pid, REPORT_NICE);
    workers.add(child);
    child.once('exit', (code, signal) => {
      workers.delete(child);
      if (stopping) return;
      log(`worker ${String(child.pid)} exited (${String(code ?? signal)}); restarting`);
      setTimeout(forkWorker, 1_000);
    });
  };
  for (let i = 0; i < args.workers; i += 1) forkWorker();

  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    log(
      `${signal}: stopping ${String(Object.keys(cluster.workers ?? {}).length)} API processes and ${String(workers.size)} workers`,
    );
    const exits: Promise<unknown>[] = [];
    for (const worker of Object.values(cluster.workers ?? {})) {
      if (!worker) continue;
      exits.push(new Promise((resolve) => worker.once('exit', resolve)));
      worker.process.kill('SIGTERM');
    }
    for (const child of workers) {
      exits.push(new Promise((resolve) => child.once('exit', resolve)));
      child.kill('SIGTERM');
    }
    const force = setTimeout(() => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
      for (const child of workers) child.kill('SIGKILL');
    }, 30_000);
    void Promise.all(exits)
      .then(() => database.stop())
      .finally(() => {
        clearTimeout(force);
        process.exit(0);
      });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

if (import.meta.main) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  });
}
