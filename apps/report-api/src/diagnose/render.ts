// The diagnosis as markdown: a ranked summary table, then each finding with its evidence and what to do,
// then the raw numbers it was built from.
import type { Finding } from './analyze.ts';
import type { MetricsEvidence } from './metrics-evidence.ts';
import type { PostgresEvidence } from './postgres-evidence.ts';

const n = (v: number | undefined, d = 0): string =>
  v === undefined ? 'n/a' : v.toLocaleString('en-US', { maximumFractionDigits: d });

export function renderDiagnosis(
  findings: Finding[],
  evidence: { postgres?: PostgresEvidence; metrics?: MetricsEvidence; errors?: string[] },
  generatedAt = new Date(),
): string {
  const lines = [
    '# Diagnosis: what limits this instance, ranked by impact',
    '',
    `Generated ${generatedAt.toISOString()} from ${[
      evidence.metrics ? `/metrics of ${evidence.metrics.url}` : undefined,
      evidence.postgres
        ? `PostgreSQL ${evidence.postgres.version} database ${evidence.postgres.database}`
        : undefined,
    ]
      .filter(Boolean)
      .join(' and ')}.`,
    '',
  ];
  for (const error of evidence.errors ?? []) lines.push(`> Could not collect: ${error}`, '');
  if (findings.length === 0) {
    lines.push('No bottleneck found in the evidence collected.', '');
  } else {
    lines.push('| # | impact | finding |', '|---:|---:|---|');
    findings.forEach((f, i) => lines.push(`| ${String(i + 1)} | ${String(f.impact)} | ${f.title} |`));
    lines.push('');
    findings.forEach((f, i) => {
      lines.push(
        `## ${String(i + 1)}. ${f.title}`,
        '',
        `Impact ${String(f.impact)}/100.`,
        '',
        '**Evidence**',
        '',
      );
      for (const e of f.evidence) lines.push(`- ${e}`);
      lines.push('', '**What to do**', '');
      for (const r of f.recommendation) lines.push(`- ${r}`);
      lines.push('');
    });
  }
  const pg = evidence.postgres;
  if (pg) {
    lines.push(
      '## PostgreSQL numbers',
      '',
      `Connections ${n(pg.connections)} of ${n(pg.maxConnections)} (${Object.entries(pg.byState)
        .map(([k, v]) => `${k} ${String(v)}`)
        .join(
          ', ',
        )}); buffer cache hit ${pg.cacheHitRatio === undefined ? 'n/a' : `${n(pg.cacheHitRatio * 100, 2)}%`}; deadlocks ${n(pg.deadlocks)}; temp files ${n(pg.tempBytes / 1024 / 1024, 1)} MB.`,
      '',
      '| table | live rows | dead rows | seq scans | rows read by seq scans | index scans | size MB |',
      '|---|---:|---:|---:|---:|---:|---:|',
      ...pg.tables
        .slice(0, 12)
        .map(
          (t) =>
            `| ${t.table} | ${n(t.liveRows)} | ${n(t.deadRows)} | ${n(t.seqScans)} | ${n(t.seqRowsRead)} | ${n(t.indexScans)} | ${n(t.sizeBytes / 1024 / 1024, 1)} |`,
        ),
      '',
      '| hot path | used by | index | plan |',
      '|---|---|---|---|',
      ...pg.hotPaths.map(
        (h) =>
          `| ${h.table} (${h.columns.join(', ')}) | ${h.usedBy} | ${h.indexed ? 'yes' : '**missing**'} | ${h.planNodes.join(' -> ')} |`,
      ),
      '',
    );
    if (pg.statements && pg.statements.length > 0) {
      lines.push('| statement | calls | mean ms | total s |', '|---|---:|---:|---:|');
      for (const s of pg.statements.slice(0, 10))
        lines.push(
          `| \`${s.query.slice(0, 100).replaceAll('|', '\\|')}\` | ${n(s.calls)} | ${n(s.meanMs, 2)} | ${n(s.totalMs / 1000, 2)} |`,
        );
      lines.push('');
    }
  }
  const m = evidence.metrics;
  if (m) {
    lines.push(
      '## API numbers',
      '',
      `Requests ${n(m.requests)}, 5xx ${n(m.errorRate * 100, 2)}%, event-loop lag p99 ${n(m.eventLoopLagP99Ms, 1)} ms, pool waiting ${n(m.poolWaiting)} of ${n(m.poolMax)}, acquire p99 ${n(m.poolAcquireP99Ms, 1)} ms, queries/request ${n(m.queriesPerRequestMean, 2)}, cache hit ratio ${m.cacheHitRatio === undefined ? 'n/a' : `${n(m.cacheHitRatio * 100, 1)}%`}, report queue ${n(m.queueDepth)}, RSS ${n(m.residentMemoryMb)} MB.`,
      '',
      '| route | requests | 5xx | p99 ms |',
      '|---|---:|---:|---:|',
      ...m.routes
        .slice(0, 12)
        .map((r) => `| ${r.route} | ${n(r.requests)} | ${n(r.errors5xx)} | ${n(r.p99Ms, 1)} |`),
      '',
    );
  }
  return lines.join('\n');
}
