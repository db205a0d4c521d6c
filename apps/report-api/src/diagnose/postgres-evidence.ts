// Evidence from PostgreSQL's own statistics: pg_stat_statements (created if possible; skipped with the
// reason when the server does not preload it), pg_stat_activity, buffer cache hit ratio, table and index
// usage, blocked sessions, dead-tuple bloat, and the plans of the API's hot queries.
import pg from 'pg';

/** Access paths the API relies on: every hot query filters by company first (decision 021). */
export const HOT_PATHS = [
  {
    table: 'appointments',
    columns: ['company_id', 'starts_at'],
    usedBy: 'GET /v1/appointments (agenda by day), appointment reports',
    probe: `SELECT id FROM appointments WHERE company_id = $1 AND starts_at >= now() - interval '7 days'
            ORDER BY starts_at DESC, id DESC LIMIT 21`,
    probeParam: 'company',
  },
  {
    table: 'appointments',
    columns: ['company_id', 'patient_id'],
    usedBy: 'patient history (future patient app), patient deletes',
    probe: `SELECT id FROM appointments WHERE company_id = $1 AND patient_id = 1 LIMIT 10`,
    probeParam: 'company',
  },
  {
    table: 'app_events',
    columns: ['company_id', 'occurred_at'],
    usedBy: 'insights (usage per clinic over time)',
    probe: `SELECT count(*) FROM app_events WHERE company_id = $1 AND occurred_at >= now() - interval '30 days'`,
    probeParam: 'company',
  },
  {
    table: 'api_tokens',
    columns: ['token_hash'],
    usedBy: 'authentication of every request',
    probe: `SELECT id FROM api_tokens WHERE token_hash = 'x'`,
    probeParam: 'none',
  },
] as const;

export interface StatementStat {
  query: string;
  calls: number;
  totalMs: number;
  meanMs: number;
  rows: number;
  sharedBlksRead: number;
}

export interface TableStat {
  table: string;
  liveRows: number;
  deadRows: number;
  seqScans: number;
  seqRowsRead: number;
  indexScans: number;
  sizeBytes: number;
  lastAutovacuum: string | null;
  heapHitRatio: number | undefined;
}

export interface IndexStat {
  table: string;
  index: string;
  scans: number;
  sizeBytes: number;
  columns: string[];
  unique: boolean;
}

export interface HotPathCheck {
  table: string;
  columns: string[];
  usedBy: string;
  indexed: boolean;
  /** Node types of the probe's plan (e.g. Seq Scan, Sort, Index Scan). */
  planNodes: string[];
  planCost: number | undefined;
  planIndexes: string[];
}

export interface ActivitySession {
  pid: number;
  state: string | null;
  waitEventType: string | null;
  waitEvent: string | null;
  seconds: number | null;
  query: string;
  blockedBy: number[];
  applicationName: string;
}

export interface PostgresEvidence {
  database: string;
  version: string;
  maxConnections: number;
  connections: number;
  byState: Record<string, number>;
  cacheHitRatio: number | undefined;
  statements: StatementStat[] | undefined;
  statementsUnavailable: string | undefined;
  tables: TableStat[];
  indexes: IndexStat[];
  hotPaths: HotPathCheck[];
  sessions: ActivitySession[];
  deadlocks: number;
  tempBytes: number;
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);

function planNodes(
  plan: unknown,
  nodes: string[] = [],
  indexes: string[] = [],
): { nodes: string[]; indexes: string[] } {
  if (plan && typeof plan === 'object') {
    const p = plan as Record<string, unknown>;
    if (typeof p['Node Type'] === 'string') nodes.push(p['Node Type']);
    if (typeof p['Index Name'] === 'string') indexes.push(p['Index Name']);
    for (const child of (p.Plans as unknown[] | undefined) ?? []) planNodes(child, nodes, indexes);
  }
  return { nodes, indexes };
}

async function statements(client: pg.Client): Promise<{ rows?: StatementStat[]; reason?: string }> {
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  } catch (error) {
    return { reason: `pg_stat_statements could not be created: ${(error as Error).message}` };
  }
  try {
    const { rows } = await client.query<Record<string, unknown>>(
      `SELECT query, calls, total_exec_time, mean_exec_time, rows, shared_blks_read
       FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
       ORDER BY total_exec_time DESC LIMIT 15`,
    );
    return {
      rows: rows.map((r) => ({
        query: String(r.query).replace(/\s+/g, ' ').slice(0, 300),
        calls: num(r.calls),
        totalMs: num(r.total_exec_time),
        meanMs: num(r.mean_exec_time),
        rows: num(r.rows),
        sharedBlksRead: num(r.shared_blks_read),
      })),
    };
  } catch (error) {
    return {
      reason: `pg_stat_statements is installed but not loaded (${(error as Error).message}); add it to shared_preload_libraries and restart PostgreSQL`,
    };
  }
}

export async function collectPostgresEvidence(databaseUrl: string): Promise<PostgresEvidence> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'diagnose' });
  await client.connect();
  try {
    // Never queue behind a migration's lock: a blocked probe is skipped, not waited for.
    await client.query("SET statement_timeout = '20s'; SET lock_timeout = '2s'");
    const meta = await client.query<{ db: string; version: string; max: string }>(
      `SELECT current_database() AS db, current_setting('server_version') AS version,
              current_setting('max_connections') AS max`,
    );
    const activity = await client.query<Record<string, unknown>>(
      `SELECT pid, state, wait_event_type, wait_event, application_name,
              extract(epoch FROM now() - query_start) AS seconds, left(query, 300) AS query,
              pg_blocking_pids(pid) AS blocked_by, datname
       FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()`,
    );
    const dbStats = await client.query<Record<string, unknown>>(
      `SELECT blks_hit, blks_read, deadlocks, temp_bytes FROM pg_stat_database WHERE datname = current_database()`,
    );
    const tables = await client.query<Record<string, unknown>>(
      `SELECT s.relname, s.n_live_tup, s.n_dead_tup, s.seq_scan, s.seq_tup_read, coalesce(s.idx_scan, 0) AS idx_scan,
              (SELECT sum(c.relpages)::bigint * current_setting('block_size')::bigint FROM pg_class c
               WHERE c.oid = s.relid OR c.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid = s.relid)) AS size,
              s.last_autovacuum, io.heap_blks_hit, io.heap_blks_read
       FROM pg_stat_user_tables s JOIN pg_statio_user_tables io USING (relid)
       ORDER BY size DESC NULLS LAST`,
    );
    const indexes = await client.query<Record<string, unknown>>(
      `SELECT t.relname AS table, i.relname AS index, s.idx_scan, i.relpages::bigint * current_setting('block_size')::bigint AS size, x.indisunique,
              ARRAY(SELECT a.attname FROM unnest(x.indkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS columns
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_stat_user_indexes s ON s.indexrelid = x.indexrelid`,
    );
    const stmt = await statements(client);

    const indexList: IndexStat[] = indexes.rows.map((r) => ({
      table: String(r.table),
      index: String(r.index),
      scans: num(r.idx_scan),
      sizeBytes: num(r.size),
      columns: (r.columns as string[] | null) ?? [],
      unique: r.indisunique === true,
    }));
    const tableNames = new Set(tables.rows.map((r) => String(r.relname)));
    const sample = tableNames.has('appointments')
      ? (await client.query<{ c: string }>('SELECT company_id::text AS c FROM appointments LIMIT 1')).rows[0]
          ?.c
      : undefined;

    const hotPaths: HotPathCheck[] = [];
    for (const path of HOT_PATHS) {
      if (!tableNames.has(path.table)) continue;
      const indexed = indexList.some(
        (i) => i.table === path.table && path.columns.every((c, k) => i.columns[k] === c),
      );
      let nodes: string[] = [];
      let used: string[] = [];
      let cost: number | undefined;
      try {
        const params = path.probeParam === 'company' ? [sample ?? '0'] : [];
        const explained = await client.query<{ 'QUERY PLAN': unknown }>(
          `EXPLAIN (FORMAT JSON) ${path.probe}`,
          params,
        );
        const root = (
          explained.rows[0]?.['QUERY PLAN'] as { Plan: Record<string, unknown> }[] | undefined
        )?.[0]?.Plan;
        const walked = planNodes(root);
        nodes = walked.nodes;
        used = walked.indexes;
        cost = root ? num(root['Total Cost']) : undefined;
      } catch {
        // a probe that does not fit this schema version is skipped, not fatal
      }
      hotPaths.push({
        table: path.table,
        columns: [...path.columns],
        usedBy: path.usedBy,
        indexed,
        planNodes: nodes,
        planCost: cost,
        planIndexes: used,
      });
    }

    const byState: Record<string, number> = {};
    for (const r of activity.rows) {
      const state = str(r.state, 'unknown');
      byState[state] = (byState[state] ?? 0) + 1;
    }
    const hit = num(dbStats.rows[0]?.blks_hit);
    const read = num(dbStats.rows[0]?.blks_read);
    return {
      database: meta.rows[0]?.db ?? '',
      version: meta.rows[0]?.version ?? '',
      maxConnections: num(meta.rows[0]?.max),
      connections: activity.rows.length + 1,
      byState,
      cacheHitRatio: hit + read > 0 ? hit / (hit + read) : undefined,
      statements: stmt.rows,
      statementsUnavailable: stmt.reason,
      tables: tables.rows.map((r) => {
        const h = num(r.heap_blks_hit);
        const rd = num(r.heap_blks_read);
        return {
          table: String(r.relname),
          liveRows: num(r.n_live_tup),
          deadRows: num(r.n_dead_tup),
          seqScans: num(r.seq_scan),
          seqRowsRead: num(r.seq_tup_read),
          indexScans: num(r.idx_scan),
          sizeBytes: num(r.size),
          lastAutovacuum: r.last_autovacuum ? new Date(r.last_autovacuum as string).toISOString() : null,
          heapHitRatio: h + rd > 0 ? h / (h + rd) : undefined,
        };
      }),
      indexes: indexList,
      hotPaths,
      sessions: activity.rows
        .filter((r) => r.datname === meta.rows[0]?.db)
        .map((r) => ({
          pid: num(r.pid),
          state: (r.state as string | null) ?? null,
          waitEventType: (r.wait_event_type as string | null) ?? null,
          waitEvent: (r.wait_event as string | null) ?? null,
          seconds: r.seconds === null ? null : num(r.seconds),
          query: str(r.query).replace(/\s+/g, ' '),
          blockedBy: (r.blocked_by as number[] | null) ?? [],
          applicationName: str(r.application_name),
        })),
      deadlocks: num(dbStats.rows[0]?.deadlocks),
      tempBytes: num(dbStats.rows[0]?.temp_bytes),
    };
  } finally {
    await client.end();
  }
}
