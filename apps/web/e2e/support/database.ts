// Run by the e2e setup with `node` (not Playwright's loader, since @repo/db is TypeScript source):
// creates a fresh database (on DATABASE_URL's server, or in a throwaway embedded PostgreSQL), migrates it,
// seeds the demo preset, prints "READY <url>", and on SIGTERM drops it again.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createDatabaseIfMissing, migrate, seed, startEmbeddedPostgres, withDatabase } from '@repo/db';

async function admin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const name = `e2e_web_${String(process.pid)}_${String(Date.now())}`;
let url: string;
let stop: () => Promise<void>;

const serverUrl = process.env.DATABASE_URL;
if (serverUrl) {
  await admin(serverUrl, `CREATE DATABASE ${name}`);
  url = withDatabase(serverUrl, name);
  stop = () => admin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
} else {
  const parent = mkdtempSync(join(tmpdir(), 'e2e-web-pg-'));
  // PostgreSQL runs as the "postgres" user when we are root: it must be able to enter the folder.
  chmodSync(parent, 0o755);
  const dataDir = join(parent, 'data');
  const embedded = await startEmbeddedPostgres({ dataDir, port: 0, persistent: false });
  await createDatabaseIfMissing(embedded.url, name);
  url = withDatabase(embedded.url, name);
  stop = async () => {
    await embedded.stop();
    rmSync(join(dataDir, '..'), { recursive: true, force: true });
  };
}

await migrate(url);
await seed(url, { preset: 'demo', seed: 1 });
process.stdout.write(`READY ${url}\n`);

let stopping = false;
async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await stop();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
// Stay alive until told to stop (the embedded server is a child of this process).
setInterval(() => undefined, 60_000);
