// `npm run diagnose -- --url http://127.0.0.1:3000 [--database-url postgres://...] [--out report.md]`:
// reads a running instance's /metrics and PostgreSQL's statistics, writes the ranked diagnosis.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { analyze, defaultThresholds, type Finding } from './analyze.ts';
import { collectMetricsEvidence, type MetricsEvidence } from './metrics-evidence.ts';
import { collectPostgresEvidence, type PostgresEvidence } from './postgres-evidence.ts';
import { renderDiagnosis } from './render.ts';

export interface DiagnoseOptions {
  url?: string | undefined;
  databaseUrl?: string | undefined;
  bigTableRows?: number;
}

export async function diagnose(options: DiagnoseOptions): Promise<{ findings: Finding[]; markdown: string }> {
  const errors: string[] = [];
  let metrics: MetricsEvidence | undefined;
  let postgres: PostgresEvidence | undefined;
  if (options.url) {
    const metricsUrl = new URL('/metrics', options.url).toString();
    try {
      metrics = await collectMetricsEvidence(metricsUrl);
    } catch (error) {
      errors.push(`${metricsUrl}: ${(error as Error).message}`);
    }
  }
  if (options.databaseUrl) {
    try {
      postgres = await collectPostgresEvidence(options.databaseUrl);
    } catch (error) {
      errors.push(`PostgreSQL: ${(error as Error).message}`);
    }
  }
  const thresholds = {
    ...defaultThresholds,
    ...(options.bigTableRows ? { bigTableRows: options.bigTableRows } : {}),
  };
  const evidence = {
    ...(postgres ? { postgres } : {}),
    ...(metrics ? { metrics } : {}),
  };
  const findings = analyze(evidence, thresholds);
  return { findings, markdown: renderDiagnosis(findings, { ...evidence, errors }) };
}

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      url: { type: 'string', default: 'http://127.0.0.1:3000' },
      'database-url': { type: 'string' },
      out: { type: 'string' },
      'big-table-rows': { type: 'string' },
    },
    strict: true,
  });
  const databaseUrl = values['database-url'] ?? process.env.DATABASE_URL;
  if (!databaseUrl)
    process.stderr.write('no --database-url or DATABASE_URL: diagnosing from /metrics only\n');
  const { findings, markdown } = await diagnose({
    url: values.url,
    databaseUrl,
    ...(values['big-table-rows'] ? { bigTableRows: Number(values['big-table-rows']) } : {}),
  });
  if (values.out) {
    writeFileSync(values.out, markdown);
    process.stdout.write(`${String(findings.length)} findings written to ${values.out}\n`);
  } else {
    process.stdout.write(`${markdown}\n`);
  }
  return 0;
}

if (import.meta.main) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
