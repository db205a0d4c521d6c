// Refreshes every insights materialized view in dependency order. CONCURRENTLY once a view holds data, so
// dashboards keep reading the previous figures while a refresh runs (decision 060); a plain REFRESH the
// first time, because an unpopulated view cannot be refreshed concurrently. An advisory lock makes
// overlapping calls (two workers, a manual run during the schedule) skip instead of queueing.
import type pg from 'pg';
import { insightsViews } from './catalog.ts';

const REFRESH_LOCK = 727_060;

export interface RefreshResult {
  /** False when another refresh held the lock and this call did nothing. */
  refreshed: boolean;
  totalMs: number;
  views: { view: string; ms: number; concurrently: boolean }[];
}

export interface RefreshOptions {
  /** Called after each view, e.g. to log progress. */
  onView?: (view: string, ms: number) => void;
}

export async function refreshInsights(pool: pg.Pool, options: RefreshOptions = {}): Promise<RefreshResult> {
  const client = await pool.connect();
  const started = performance.now();
  const views: RefreshResult['views'] = [];
  let locked = false;
  try {
    const lock = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [REFRESH_LOCK]);
    locked = lock.rows[0]?.ok === true;
    if (!locked) return { refreshed: false, totalMs: 0, views };
    // A full refresh on a large database takes longer than the pool's per-query timeout.
    await client.query('SET statement_timeout = 0');
    const populated = await client.query<{ matviewname: string; ispopulated: boolean }>(
      "SELECT matviewname, ispopulated FROM pg_matviews WHERE schemaname = current_schema() AND matviewname LIKE 'insights\\_%'",
    );
    const isPopulated = new Map(populated.rows.map((r) => [r.matviewname, r.ispopulated]));
    for (const { view } of insightsViews) {
      const concurrently = isPopulated.get(view) === true;
      const t0 = performance.now();
      // View names come from the catalog constant, never from input.
      await client.query(`REFRESH MATERIALIZED VIEW ${concurrently ? 'CONCURRENTLY ' : ''}${view}`);
      const ms = performance.now() - t0;
      views.push({ view, ms, concurrently });
      options.onView?.(view, ms);
    }
    return { refreshed: true, totalMs: performance.now() - started, views };
  } finally {
    if (locked) await client.query('SELECT pg_advisory_unlock($1)', [REFRESH_LOCK]).catch(() => undefined);
    await client.query('RESET statement_timeout').catch(() => undefined);
    client.release();
  }
}

/** When the views were last refreshed: the anchor they were computed at, or null before the first refresh. */
export async function insightsAnchor(pool: pg.Pool): Promise<Date | null> {
  const { rows } = await pool.query<{ populated: boolean }>(
    "SELECT ispopulated AS populated FROM pg_matviews WHERE matviewname = 'insights_anchor'",
  );
  if (rows[0]?.populated !== true) return null;
  const anchor = await pool.query<{ anchor_at: Date }>('SELECT anchor_at FROM insights_anchor');
  return anchor.rows[0]?.anchor_at ?? null;
}
