// `npm start`: the whole product on one machine. Starts (or attaches to) the embedded PostgreSQL unless
// DATABASE_URL is set, migrates, seeds the demo preset into an empty database, then runs the API, the
// worker, the web app and the docs site, and prints every URL. Ctrl-C stops everything it started.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { migrate, resolveDatabase } from '@repo/db';

const root = join(import.meta.dirname, '..');
const apiPort = Number(process.env.PORT ?? 3000);
const webPort = Number(process.env.WEB_PORT ?? 5173);
const docsPort = Number(process.env.DOCS_PORT ?? 5174);
const children: ChildProcess[] = [];

function run(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = `[${name}] `;
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) if (line.trim()) process.stdout.write(prefix + line + '\n');
    });
  }
  child.on('exit', (code, signal) => {
    if (!stopping) console.error(`${prefix}exited (${signal ?? code ?? 0})`);
  });
  children.push(child);
  return child;
}

function runToEnd(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    run(name, command, args, env).on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${name} failed with exit code ${code ?? 'null'}`)),
    );
  });
}

async function companyCount(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM companies');
    return rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
}

let stopping = false;
const database = await resolveDatabase();
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 1500));
  await database.stop();
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

console.log(`database: ${database.embedded ? 'embedded PostgreSQL (.data/postgres)' : 'DATABASE_URL'}`);
await migrate(database.url);
if ((await companyCount(database.url)) === 0) {
  console.log('database is empty: seeding the demo preset');
  await runToEnd('seed', process.execPath, ['packages/db/src/cli/seed.ts', '--preset', 'demo'], {
    DATABASE_URL: database.url,
  });
}

const env = { DATABASE_URL: database.url, PORT: String(apiPort), WEB_ORIGIN: `http://localhost:${webPort}` };
run('api', process.execPath, ['apps/report-api/src/server.ts'], env);
run('worker', process.execPath, ['apps/report-api/src/worker.ts'], env);

if (!existsSync(join(root, 'apps/web/dist/index.html')) || process.env.REBUILD_WEB === '1') {
  await runToEnd('web:build', 'npm', ['run', 'build', '-w', '@repo/web']);
}
run('web', 'npm', ['run', 'preview', '-w', '@repo/web', '--', '--port', String(webPort), '--strictPort'], {
  API_URL: `http://127.0.0.1:${apiPort}`,
});
run('docs', 'npm', ['run', 'dev', '-w', '@repo/docs', '--', '--port', String(docsPort), '--strictPort']);

console.log(`
  API      http://localhost:${apiPort}        (OpenAPI: /openapi.json, metrics: /metrics, health: /healthz)
  Web app  http://localhost:${webPort}        (sign in with demo-clinic-a or demo-clinic-b)
  Docs     http://localhost:${docsPort}
  Demo tokens: demo-clinic-a, demo-clinic-b (clinics), demo-product, demo-cs (internal)
  Ctrl-C stops everything.
`);
