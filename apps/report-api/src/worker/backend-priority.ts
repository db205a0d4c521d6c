// Report queries are PostgreSQL's heaviest work. When PostgreSQL runs on the same host as the API (one
// server, the demo, the load test), the backends that serve report exports compete with the interactive
// queries for the same cores, and PostgreSQL has no CPU priority of its own. So the worker lowers the OS
// priority (nice) of the backend behind each of its report connections, as the pg_prioritize extension
// does from inside the server. A backend process lives as long as its connection, so the priority never
// leaks to another session. Decision 033.
//
// Safe by construction: it does nothing unless the connection's host is this one (a loopback address or a
// Unix socket), and it renices a process only after PostgreSQL and /proc agree that it is the backend at
// the other end of this very connection: same client port and server port over TCP, same server port over
// a socket, and a PostgreSQL process title. A pooler (PgBouncer) or a PostgreSQL in a container fails those
// checks and is left alone. With a database on another host the answer is a read replica for reports
// (docs/reference/capacity.md).
import { readFile } from 'node:fs/promises';
import { getPriority, setPriority } from 'node:os';
import type pg from 'pg';
import type { Logger } from 'pino';

export type PriorityOutcome =
  'applied' | 'off' | 'remote-database' | 'not-a-local-backend' | 'not-permitted' | 'error';

export interface BackendPriority {
  /** Lowers the priority of the backend behind this connection (once per connection); never throws. */
  apply: (client: pg.ClientBase) => Promise<PriorityOutcome>;
}

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[?::1\]?)$/;

/** True when a connection's host is this machine: a loopback address or a Unix socket directory. */
export function isLocalHost(host: string | undefined): boolean {
  return !host || host.startsWith('/') || LOOPBACK.test(host);
}

interface BackendIdentity {
  pid: number;
  /** Client and server ports as PostgreSQL sees them (null over a Unix socket). */
  clientPort: number | null;
  serverPort: number | null;
  /** The port the server listens on (its socket file name carries it too). */
  port: number;
}

interface ClientEnds {
  host?: string;
  port?: number;
  connection?: { stream?: { localPort?: number; remotePort?: number } };
}

/** PostgreSQL's view of the connection matches ours: over TCP both ports, over a socket the server port. */
export function isSameConnection(backend: BackendIdentity, client: ClientEnds): boolean {
  const stream = client.connection?.stream;
  if (backend.clientPort === null) return stream?.localPort === undefined && backend.port === client.port;
  return backend.clientPort === stream?.localPort && backend.serverPort === stream.remotePort;
}

/**
 * The process title PostgreSQL gives a backend is `postgres: <user> <db> <client host>(<client port>) ...`
 * (`[local]` over a socket): the process must be a PostgreSQL backend of that client.
 */
export async function isBackendOf(pid: number, localPort: number | undefined): Promise<boolean> {
  let title: string;
  try {
    title = (await readFile(`/proc/${String(pid)}/cmdline`, 'utf8')).replaceAll('\0', ' ');
  } catch {
    return false;
  }
  if (!title.startsWith('postgres')) return false;
  return localPort === undefined ? title.includes('[local]') : title.includes(`(${String(localPort)})`);
}

export function createBackendPriority(options: { nice: number; logger: Logger }): BackendPriority {
  const { nice, logger } = options;
  const done = new WeakMap<pg.ClientBase, PriorityOutcome>();
  const reported = new Set<PriorityOutcome>();
  const report = (outcome: PriorityOutcome, details: object = {}): PriorityOutcome => {
    if (reported.has(outcome)) return outcome;
    reported.add(outcome);
    if (outcome === 'applied')
      logger.info({ nice, ...details }, 'report queries run at a lower CPU priority');
    else if (outcome !== 'off')
      logger.warn({ nice, outcome, ...details }, 'could not lower the CPU priority of report queries');
    return outcome;
  };

  const decide = async (client: pg.ClientBase): Promise<PriorityOutcome> => {
    const ends = client as unknown as ClientEnds;
    if (!isLocalHost(ends.host)) return 'remote-database';
    const { rows } = await client.query<BackendIdentity>(
      `SELECT pg_backend_pid() AS pid, inet_client_port() AS "clientPort", inet_server_port() AS "serverPort",
              current_setting('port')::int AS port`,
    );
    const backend = rows[0];
    if (
      !backend ||
      !isSameConnection(backend, ends) ||
      !(await isBackendOf(backend.pid, ends.connection?.stream?.localPort))
    )
      return 'not-a-local-backend';
    try {
      // Only ever lowers the priority: a backend already at a lower one keeps it.
      if (getPriority(backend.pid) < nice) setPriority(backend.pid, nice);
      return 'applied';
    } catch {
      return 'not-permitted';
    }
  };

  return {
    apply: async (client) => {
      if (nice <= 0) return 'off';
      const known = done.get(client);
      if (known) return known;
      let outcome: PriorityOutcome;
      try {
        outcome = await decide(client);
      } catch (error) {
        // A broken connection: the report query on it fails on its own; priority is never the reason.
        return report('error', { err: error });
      }
      done.set(client, outcome);
      return report(outcome);
    },
  };
}
