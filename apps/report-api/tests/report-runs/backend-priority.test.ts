// The worker lowers the CPU priority of the PostgreSQL backends behind its report connections when the
// database is on this host (src/worker/backend-priority.ts), and leaves everything else alone.
import { getPriority } from 'node:os';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@repo/db/testing';
import { createBackendPriority, isBackendOf, isLocalDatabase } from '../../src/worker/backend-priority.ts';

const silent = pino({ level: 'silent' });

describe('which databases are on this host', () => {
  it.each([
    ['postgres://root@127.0.0.1:5432/test', true],
    ['postgres://root@localhost/test', true],
    ['postgres://root@[::1]:5432/test', true],
    ['postgres:///test?host=/var/run/postgresql', true],
    ['postgres://root@db.internal:5432/test', false],
    ['postgres://root@10.0.0.7:5432/test', false],
  ])('%s is local: %s', (url, local) => {
    expect(isLocalDatabase(url)).toBe(local);
  });
});

describe('lowering the priority of report backends', () => {
  let t: TestDatabase;
  const clients: pg.Client[] = [];
  const connect = async (applicationName: string): Promise<pg.Client> => {
    const client = new pg.Client({ connectionString: t.url, application_name: applicationName });
    await client.connect();
    clients.push(client);
    return client;
  };
  const backendPid = async (client: pg.Client): Promise<number> =>
    (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid ?? 0;

  beforeAll(async () => {
    t = await createTestDatabase('prio');
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end()));
    await t.drop();
  });

  it('renices the backend behind a report connection on a local database, and no other backend', async () => {
    const report = await connect('report');
    const interactive = await connect('interactive');
    const priority = createBackendPriority({ nice: 7, databaseUrl: t.url, logger: silent });

    expect(await priority.apply(report)).toBe('applied');

    expect(getPriority(await backendPid(report))).toBe(7);
    expect(getPriority(await backendPid(interactive))).toBe(0);
  });

  it('asks once per connection', async () => {
    const report = await connect('report');
    const priority = createBackendPriority({ nice: 5, databaseUrl: t.url, logger: silent });
    let queries = 0;
    const query = report.query.bind(report);
    (report as unknown as { query: typeof query }).query = ((...args: Parameters<typeof query>) => {
      queries += 1;
      return query(...args);
    }) as typeof query;

    await priority.apply(report);
    await priority.apply(report);

    expect(queries).toBe(1);
  });

  it('does nothing when turned off or when the database is on another host', async () => {
    const report = await connect('report');
    const off = createBackendPriority({ nice: 0, databaseUrl: t.url, logger: silent });
    const remote = createBackendPriority({
      nice: 9,
      databaseUrl: 'postgres://root@db.internal:5432/test',
      logger: silent,
    });

    expect(await off.apply(report)).toBe('off');
    expect(await remote.apply(report)).toBe('remote-database');
    expect(getPriority(await backendPid(report))).toBe(0);
  });

  it('recognises only the backend whose client port is this connection', async () => {
    const report = await connect('report');
    const pid = await backendPid(report);
    const localPort = (report as unknown as { connection: { stream: { localPort: number } } }).connection
      .stream.localPort;

    expect(await isBackendOf(pid, localPort)).toBe(true);
    expect(await isBackendOf(pid, localPort + 1)).toBe(false);
    // This test's own process is not a PostgreSQL backend, whatever its PID.
    expect(await isBackendOf(process.pid, localPort)).toBe(false);
  });
});
