// The worker lowers the CPU priority of the PostgreSQL backends behind its report connections when the
// database is on this host (src/worker/backend-priority.ts), and leaves everything else alone.
import { getPriority } from 'node:os';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@repo/db/testing';
import {
  createBackendPriority,
  isBackendOf,
  isLocalHost,
  isSameConnection,
} from '../../src/worker/backend-priority.ts';

const silent = pino({ level: 'silent' });

describe('which connections end on this host', () => {
  it.each([
    ['127.0.0.1', true],
    ['localhost', true],
    ['::1', true],
    ['/var/run/postgresql', true],
    ['db.internal', false],
    ['10.0.0.7', false],
  ])('%s is local: %s', (host, local) => {
    expect(isLocalHost(host)).toBe(local);
  });
});

describe('is the backend at the other end of this connection', () => {
  const tcp = { port: 5432, connection: { stream: { localPort: 40000, remotePort: 5432 } } };
  const socket = { host: '/var/run/postgresql', port: 5432, connection: { stream: {} } };

  it('over TCP when PostgreSQL sees our client port and the server port we dialled', () => {
    expect(isSameConnection({ pid: 1, clientPort: 40000, serverPort: 5432, port: 5432 }, tcp)).toBe(true);
  });

  it('not through a pooler: the backend’s client is the pooler, and it listens elsewhere', () => {
    const viaPooler = { port: 6432, connection: { stream: { localPort: 40000, remotePort: 6432 } } };
    expect(isSameConnection({ pid: 1, clientPort: 51000, serverPort: 5432, port: 5432 }, viaPooler)).toBe(
      false,
    );
  });

  it('over a socket only when the server listens on the port whose socket we opened', () => {
    expect(isSameConnection({ pid: 1, clientPort: null, serverPort: null, port: 5432 }, socket)).toBe(true);
    expect(
      isSameConnection({ pid: 1, clientPort: null, serverPort: null, port: 5432 }, { ...socket, port: 6432 }),
    ).toBe(false);
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
    const priority = createBackendPriority({ nice: 7, logger: silent });

    expect(await priority.apply(report)).toBe('applied');

    expect(getPriority(await backendPid(report))).toBe(7);
    expect(getPriority(await backendPid(interactive))).toBe(0);
  });

  it('asks once per connection', async () => {
    const report = await connect('report');
    const priority = createBackendPriority({ nice: 5, logger: silent });
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
    const off = createBackendPriority({ nice: 0, logger: silent });
    const priority = createBackendPriority({ nice: 9, logger: silent });
    const remote = new pg.Client({ host: 'db.internal', port: 5432 });

    expect(await off.apply(report)).toBe('off');
    // Never connected, and never asked: a remote host is refused before any query.
    expect(await priority.apply(remote)).toBe('remote-database');
    expect(getPriority(await backendPid(report))).toBe(0);
  });

  it('never fails the report over its own query: a broken connection is an outcome, not an error', async () => {
    const report = await connect('report');
    await report.end();
    const priority = createBackendPriority({ nice: 9, logger: silent });

    expect(await priority.apply(report)).toBe('error');
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
