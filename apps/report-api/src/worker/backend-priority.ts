// Report queries are PostgreSQL's heaviest work. When PostgreSQL runs on the same host as the API (one
// server, the demo, the load test), the backends that serve report exports compete with the interactive
// queries for the same cores, and PostgreSQL has no CPU priority of its own. So the worker lowers the OS
// priority (nice) of the backend behind each of its report connections, as the pg_prioritize extension
// does from inside the server. A backend process lives as long as its connection, so the priority never
// leaks to another session. Decision 033.
//
// Safe by construction: it does nothing unless the database URL points at this host, and it renices a
// process only after reading, from /proc, that it is a PostgreSQL backend whose client port is this very
// connection's (so a PostgreSQL in a container, whose PIDs mean nothing here, is left alone). With a
// database on another host the answer is a read replica for reports (docs/reference/capacity.md).
import { readFile } from 'node:fs/promises';
import { getPriority, setPriority } from 'node:os';
import type pg from 'pg';
import type { Logger } from 'pino';

export type PriorityOutcome = 'applied' | 'off' | 'remote-database' | 'not-a-local-backend' | 'not-permitted';

export interface BackendPriority {
  /** Lowers the priority of the backend behind this connection (once per connection). */
  apply: (client: pg.ClientBase) => Promise<PriorityOutcome>;
}

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[?::1\]?)$/;

/** True when the URL's server is on this host: a loopback address or a Unix socket directory. */
export function isLocalDatabase(databaseUrl: string): boolean {
  const url = new URL(databaseUrl);
  const socketDir = url.searchParams.get('host');
  if (socketDir?.startsWith('/')) return true;
  const host = decodeURIComponent(url.hostname);
  return host === '' || host.startsWith('/') || LOOPBACK.test(host);
}

/**
 * The process title PostgreSQL gives a backend is `postgres: <user> <db> <client host>(<client port>) ...`
 * (`[local]` over a socket). A TCP connection is ours only if its client port is our socket's local port.
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

interface Socketed {
  connection?: { stream?: { localPort?: number } };
}

export function createBackendPriority(options: {
  nice: number;
  databaseUrl: string;
  logger: Logger;
}): BackendPriority {
  const { nice, logger } = options;
  const local = nice > 0 && isLocalDatabase(options.databaseUrl);
  const done = new WeakMap<pg.ClientBase, PriorityOutcome>();
  const reported = new Set<PriorityOutcome>();
  const report = (outcome: PriorityOutcome, pid?: number): PriorityOutcome => {
    if (reported.has(outcome)) return outcome;
    reported.add(outcome);
    if (outcome === 'applied') logger.info({ nice, pid }, 'report queries run at a lower CPU priority');
    else if (outcome !== 'off')
      logger.warn({ nice, outcome }, 'could not lower the CPU priority of report queries');
    return outcome;
  };

  return {
    apply: async (client) => {
      if (nice <= 0) return 'off';
      if (!local) return report('remote-database');
      const known = done.get(client);
      if (known) return known;
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const pid = rows[0]?.pid;
      const localPort = (client as unknown as Socketed).connection?.stream?.localPort;
      let outcome: PriorityOutcome;
      if (pid === undefined || !(await isBackendOf(pid, localPort))) outcome = 'not-a-local-backend';
      else {
        try {
          // Only ever lowers the priority: a backend already at a lower one keeps it.
          if (getPriority(pid) < nice) setPriority(pid, nice);
          outcome = 'applied';
        } catch {
          outcome = 'not-permitted';
        }
      }
      done.set(client, outcome);
      return report(outcome, pid);
    },
  };
}
