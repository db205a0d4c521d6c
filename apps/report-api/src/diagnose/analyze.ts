// From evidence to findings: each rule reads the numbers, states what it saw, scores the impact (0-100: how
// much of the symptom it explains and how many requests it touches) and says what to do. Ranked by impact.
import type { MetricsEvidence } from './metrics-evidence.ts';
import type { PostgresEvidence } from './postgres-evidence.ts';

export interface Finding {
  id: string;
  title: string;
  impact: number;
  evidence: string[];
  recommendation: string[];
}

export interface Thresholds {
  /** Tables at least this big are "big" (seq scans on them matter). */
  bigTableRows: number;
  p99Ms: number;
  slowQueryMs: number;
}

export const defaultThresholds: Thresholds = { bigTableRows: 100_000, p99Ms: 50, slowQueryMs: 100 };

const n = (v: number, d = 0): string => v.toLocaleString('en-US', { maximumFractionDigits: d });
const mb = (bytes: number): string => `${n(bytes / 1024 / 1024, 1)} MB`;
const pct = (v: number): string => `${n(v * 100, 2)}%`;

function postgresFindings(pg: PostgresEvidence, t: Thresholds): Finding[] {
  const findings: Finding[] = [];
  const tables = new Map(pg.tables.map((x) => [x.table, x]));

  for (const path of pg.hotPaths) {
    const table = tables.get(path.table);
    const rows = table?.liveRows ?? 0;
    const seqScan = path.planNodes.includes('Seq Scan');
    const sorts = path.planNodes.includes('Sort');
    // An index that exists but is not chosen is the planner's call on small or unselective data: not flagged.
    if (path.indexed) continue;
    const idx = `${path.table} (${path.columns.join(', ')})`;
    findings.push({
      id: `missing-index:${path.table}:${path.columns.join(',')}`,
      title: `Missing index on ${idx}: ${path.usedBy} read the table the slow way`,
      impact: Math.min(98, 80 + Math.log10(Math.max(rows, 10)) * 2.5),
      evidence: [
        `no index of ${path.table} starts with (${path.columns.join(', ')})`,
        `plan of the hot query: ${path.planNodes.join(' -> ') || 'n/a'}${path.planIndexes.length > 0 ? ` using ${path.planIndexes.join(', ')}` : ''} (cost ${path.planCost === undefined ? 'n/a' : n(path.planCost)})`,
        ...(seqScan ? [`Seq Scan over ${n(rows)} rows of ${path.table} for one clinic's request`] : []),
        ...(sorts && !seqScan
          ? ['every matching row is read and sorted in memory before the first page is returned']
          : []),
        ...(table
          ? [
              `${path.table}: ${n(table.seqScans)} seq scans read ${n(table.seqRowsRead)} rows since stats reset`,
            ]
          : []),
      ],
      recommendation: [
        `CREATE INDEX CONCURRENTLY ${path.table}_${path.columns.map((c) => c.replace(/_id$/, '').replace(/_at$/, '')).join('_')}_idx ON ${path.table} (${path.columns.join(', ')}${path.columns.includes('starts_at') ? ' DESC, id DESC' : ''});`,
        'Add it as a migration (packages/db/migrations) so every environment has it; check the plan again with EXPLAIN (ANALYZE, BUFFERS).',
      ],
    });
  }

  for (const table of pg.tables) {
    if (table.liveRows < t.bigTableRows || table.seqScans === 0) continue;
    const perScan = table.seqRowsRead / Math.max(table.seqScans, 1);
    if (table.seqRowsRead < table.liveRows * 2) continue;
    if (findings.some((f) => f.id.startsWith(`missing-index:${table.table}:`))) continue;
    findings.push({
      id: `seq-scans:${table.table}`,
      title: `Sequential scans on the big table ${table.table}`,
      impact: Math.min(85, 35 + Math.log10(Math.max(table.seqRowsRead, 10)) * 5),
      evidence: [
        `${n(table.seqScans)} seq scans read ${n(table.seqRowsRead)} rows (${n(perScan)} per scan) of ${n(table.liveRows)}; ${n(table.indexScans)} index scans`,
      ],
      recommendation: [
        'Find the query with pg_stat_statements (or the slow-query log) and give it an index that starts with company_id.',
        'Reports and insights that must scan belong on a read replica, not the primary.',
      ],
    });
  }

  if (pg.statements) {
    const slow = pg.statements.filter((s) => s.meanMs >= t.slowQueryMs);
    if (slow.length > 0) {
      findings.push({
        id: 'slow-statements',
        title: `${String(slow.length)} statement(s) average over ${String(t.slowQueryMs)} ms`,
        impact: Math.min(80, 45 + slow.length * 5),
        evidence: slow
          .slice(0, 5)
          .map(
            (s) =>
              `${n(s.meanMs, 1)} ms mean x ${n(s.calls)} calls = ${n(s.totalMs / 1000, 1)} s: ${s.query.slice(0, 160)}`,
          ),
        recommendation: [
          'EXPLAIN (ANALYZE, BUFFERS) each; index, rewrite as one round trip, or move to the replica.',
        ],
      });
    }
  } else if (pg.statementsUnavailable) {
    findings.push({
      id: 'pg-stat-statements',
      title: 'Per-statement statistics are not collected',
      impact: 10,
      evidence: [pg.statementsUnavailable],
      recommendation: [
        "Set shared_preload_libraries = 'pg_stat_statements' (and track_io_timing = on) at the next maintenance restart: the slowest statements are then ranked by total time.",
      ],
    });
  }

  const slowSessions = pg.sessions.filter(
    (s) => s.state === 'active' && (s.seconds ?? 0) * 1000 >= t.slowQueryMs * 10,
  );
  if (slowSessions.length > 0) {
    findings.push({
      id: 'long-running',
      title: `${String(slowSessions.length)} query(ies) running for more than ${n((t.slowQueryMs * 10) / 1000, 1)} s`,
      impact: 70,
      evidence: slowSessions
        .slice(0, 5)
        .map(
          (s) =>
            `pid ${String(s.pid)} (${s.applicationName}) ${n(s.seconds ?? 0, 1)} s: ${s.query.slice(0, 160)}`,
        ),
      recommendation: [
        'Keep statement_timeout on every pool; run long reports on a replica with their own timeout.',
      ],
    });
  }

  const blocked = pg.sessions.filter((s) => s.blockedBy.length > 0);
  if (blocked.length > 0) {
    findings.push({
      id: 'locks',
      title: `${String(blocked.length)} session(s) waiting on locks`,
      impact: 80,
      evidence: blocked
        .slice(0, 5)
        .map(
          (s) =>
            `pid ${String(s.pid)} blocked by ${s.blockedBy.join(', ')} (${s.waitEventType ?? ''}/${s.waitEvent ?? ''}): ${s.query.slice(0, 120)}`,
        ),
      recommendation: [
        'Shorten the blocking transactions; take row locks in a consistent order; set lock_timeout.',
      ],
    });
  }

  const idleInTx =
    (pg.byState['idle in transaction'] ?? 0) + (pg.byState['idle in transaction (aborted)'] ?? 0);
  if (idleInTx > 0) {
    findings.push({
      id: 'idle-in-transaction',
      title: `${String(idleInTx)} connection(s) idle inside a transaction`,
      impact: 50,
      evidence: [`pg_stat_activity states: ${JSON.stringify(pg.byState)}`],
      recommendation: [
        'Find the code path that opens a transaction and awaits something else; keep idle_in_transaction_session_timeout.',
      ],
    });
  }

  if (pg.connections > pg.maxConnections * 0.8) {
    findings.push({
      id: 'connections',
      title: 'Connections close to max_connections',
      impact: 85,
      evidence: [`${String(pg.connections)} of ${String(pg.maxConnections)} connections in use`],
      recommendation: [
        "Put PgBouncer (transaction pooling) between the API processes and PostgreSQL; size pools by Little's law (npm run capacity).",
      ],
    });
  }

  if (pg.cacheHitRatio !== undefined && pg.cacheHitRatio < 0.99) {
    findings.push({
      id: 'buffer-cache',
      title: 'PostgreSQL reads from disk: buffer cache hit ratio below 99%',
      impact: Math.min(75, 40 + (0.99 - pg.cacheHitRatio) * 300),
      evidence: [`${pct(pg.cacheHitRatio)} of block reads came from shared buffers`],
      recommendation: [
        'Raise shared_buffers / memory so the hot working set (recent appointments per clinic) fits; remove the scans that push it out.',
      ],
    });
  }

  for (const table of pg.tables) {
    const total = table.liveRows + table.deadRows;
    if (table.deadRows < 10_000 || total === 0 || table.deadRows / total < 0.2) continue;
    findings.push({
      id: `bloat:${table.table}`,
      title: `Table bloat on ${table.table}`,
      impact: Math.min(50, 25 + (table.deadRows / total) * 50),
      evidence: [
        `${n(table.deadRows)} dead rows (${pct(table.deadRows / total)}) in ${mb(table.sizeBytes)}; last autovacuum ${table.lastAutovacuum ?? 'never'}`,
      ],
      recommendation: [
        `Tune autovacuum for ${table.table} (autovacuum_vacuum_scale_factor 0.02); VACUUM (ANALYZE) it now.`,
      ],
    });
  }

  const unused = pg.indexes.filter((i) => i.scans === 0 && !i.unique && i.sizeBytes > 50 * 1024 * 1024);
  if (unused.length > 0) {
    findings.push({
      id: 'unused-indexes',
      title: `${String(unused.length)} large index(es) never used`,
      impact: 15,
      evidence: unused.map(
        (i) => `${i.index} on ${i.table} (${i.columns.join(', ')}): ${mb(i.sizeBytes)}, 0 scans`,
      ),
      recommendation: ['Confirm over a full business cycle, then drop them: every write pays for them.'],
    });
  }
  return findings;
}

function metricsFindings(m: MetricsEvidence, t: Thresholds): Finding[] {
  const findings: Finding[] = [];
  if (m.errorRate > 0.001) {
    findings.push({
      id: 'http-errors',
      title: `Failed requests: ${pct(m.errorRate)} answered 5xx`,
      impact: Math.min(97, 75 + m.errorRate * 200),
      evidence: m.routes
        .filter((r) => r.errors5xx > 0)
        .map((r) => `${r.route}: ${n(r.errors5xx)} of ${n(r.requests)}`),
      recommendation: [
        'Read the 5xx problem details by request id in the logs; most come from pool acquire timeouts under load (see below).',
      ],
    });
  }
  const slowRoutes = m.routes.filter((r) => r.requests >= 20 && (r.p99Ms ?? 0) > t.p99Ms);
  if (slowRoutes.length > 0) {
    findings.push({
      id: 'latency',
      title: `p99 latency above ${String(t.p99Ms)} ms on ${String(slowRoutes.length)} route(s)`,
      impact: 72,
      evidence: slowRoutes.map(
        (r) => `${r.route}: p99 ${n(r.p99Ms ?? 0, 1)} ms over ${n(r.requests)} requests`,
      ),
      recommendation: [
        'Follow the database findings for these routes first; then cache hot reads and add API processes (npm run start:cluster).',
      ],
    });
  }
  if ((m.poolWaiting ?? 0) > 0 || (m.poolAcquireP99Ms ?? 0) > 10 || m.poolAcquireErrors > 0) {
    findings.push({
      id: 'pool-saturation',
      title: 'Requests wait for a database connection',
      impact: m.poolAcquireErrors > 0 ? 88 : 68,
      evidence: [
        `waiting now: ${n(m.poolWaiting ?? 0)} (pool size ${n(m.poolMax ?? 0)}), acquire p99 ${n(m.poolAcquireP99Ms ?? 0, 1)} ms, acquire failures ${n(m.poolAcquireErrors)}`,
      ],
      recommendation: [
        "Shorten what holds a connection (one round trip per action), then size the pool by Little's law; beyond ~100 connections use PgBouncer.",
      ],
    });
  }
  if ((m.eventLoopLagP99Ms ?? 0) > 100) {
    findings.push({
      id: 'event-loop',
      title: 'The API process is CPU-bound: event-loop lag',
      impact: 66,
      evidence: [`event-loop lag p99 ${n(m.eventLoopLagP99Ms ?? 0, 1)} ms`],
      recommendation: [
        'Add API processes (cluster mode, stateless) or cores; move CPU work (report formatting) to the worker.',
      ],
    });
  }
  if ((m.queriesPerRequestMean ?? 0) > 2) {
    findings.push({
      id: 'queries-per-request',
      title: `Chatty requests: ${n(m.queriesPerRequestMean ?? 0, 1)} queries per request on average`,
      impact: 60,
      evidence: Object.entries(m.queriesPerRequestByRoute)
        .filter(([, v]) => v > 2)
        .map(([route, v]) => `${route}: ${n(v, 1)} queries per request`),
      recommendation: [
        'Rewrite the action as one round trip (CTE, join or batch); no N+1; cache the token lookup.',
      ],
    });
  }
  if (m.cacheHitRatio !== undefined && m.requests > 100 && m.cacheHitRatio < 0.5) {
    findings.push({
      id: 'app-cache',
      title: 'The hot-read cache rarely hits',
      impact: 35,
      evidence: [`cache hit ratio ${pct(m.cacheHitRatio)}`],
      recommendation: [
        'Check the keys (per company, stable parameters) and TTLs; use Redis (REDIS_URL) when several API processes run.',
      ],
    });
  }
  if ((m.queueDepth ?? 0) > 50) {
    findings.push({
      id: 'queue',
      title: 'Report runs pile up in the queue',
      impact: 55,
      evidence: [`${n(m.queueDepth ?? 0)} runs queued or running`],
      recommendation: [
        'Add workers (npm run start:cluster -- --workers M), check per-company limits, read reports from a replica.',
      ],
    });
  }
  return findings;
}

export function analyze(
  evidence: { postgres?: PostgresEvidence; metrics?: MetricsEvidence },
  thresholds: Thresholds = defaultThresholds,
): Finding[] {
  const findings = [
    ...(evidence.postgres ? postgresFindings(evidence.postgres, thresholds) : []),
    ...(evidence.metrics ? metricsFindings(evidence.metrics, thresholds) : []),
  ];
  return findings.sort((a, b) => b.impact - a.impact).map((f) => ({ ...f, impact: Math.round(f.impact) }));
}
