// The load-test report: a markdown table (latency percentiles, errors, throughput, saturation), the target
// checks, and a chart (Vega-Lite -> SVG -> PNG with resvg), written next to a JSON copy of the results.
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import * as vl from 'vega-lite';
import type { RunResult } from './runner.ts';

export interface Check {
  name: string;
  target: string;
  measured: string;
  pass: boolean;
}

const f = (v: number | undefined, digits = 1): string =>
  v === undefined || !Number.isFinite(v)
    ? 'n/a'
    : v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const pct = (v: number | undefined): string => (v === undefined ? 'n/a' : `${f(v * 100, 2)}%`);

export function renderMarkdown(
  title: string,
  results: RunResult[],
  checks: Check[],
  chartFile?: string,
): string {
  const rows = results.map((r) =>
    [
      r.label,
      r.scenario,
      r.model === 'open' ? `open @ ${f(r.targetRate, 0)}/s` : 'closed (max)',
      f(r.throughput, 0),
      r.sustained === undefined ? '' : pct(r.sustained),
      f(r.p50Ms),
      f(r.p95Ms),
      f(r.p99Ms),
      pct(r.errorRate),
      f(r.saturation.processCpuCores, 2),
      pct(r.saturation.machineCpu),
      f(r.saturation.eventLoopLagP99Ms),
      f(r.saturation.poolWaitingMax, 0),
      f(r.saturation.poolAcquireMeanMs, 2),
      f(r.saturation.queueDepthMax, 0),
    ].join(' | '),
  );
  const lines = [
    `# ${title}`,
    '',
    `Generated ${new Date().toISOString()} on ${availableParallelism()} cores (load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(
        ' / ',
      )} at the end: the machine is shared, compare ratios within this run); every run aims at 127.0.0.1.`,
    '',
    '| run | scenario | model | req/s | sustained | p50 ms | p95 ms | p99 ms | errors | API CPU (cores) | machine CPU | loop lag p99 ms | pool waiting max | pool wait mean ms | queue depth max |',
    '|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r} |`),
    '',
  ];
  if (checks.length > 0) {
    lines.push('## Targets', '', '| target | wanted | measured | result |', '|---|---|---|---|');
    for (const c of checks)
      lines.push(`| ${c.name} | ${c.target} | ${c.measured} | ${c.pass ? 'PASS' : 'FAIL'} |`);
    lines.push('');
  }
  if (chartFile) lines.push(`![latency and throughput](${chartFile})`, '');
  return lines.join('\n');
}

export async function renderChart(results: RunResult[]): Promise<{ svg: string; png: Buffer }> {
  const values = results.flatMap((r) => [
    { run: r.label, metric: 'p50', ms: r.p50Ms },
    { run: r.label, metric: 'p95', ms: r.p95Ms },
    { run: r.label, metric: 'p99', ms: r.p99Ms },
  ]);
  const throughput = results.map((r) => ({ run: r.label, rps: r.throughput }));
  const spec: vl.TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    background: 'white',
    vconcat: [
      {
        title: 'Latency percentiles (ms)',
        width: 640,
        height: 220,
        data: { values },
        mark: 'bar',
        encoding: {
          x: { field: 'run', type: 'nominal', sort: null, axis: { labelAngle: -30, title: null } },
          xOffset: { field: 'metric' },
          y: { field: 'ms', type: 'quantitative', title: 'ms' },
          color: { field: 'metric', type: 'nominal', scale: { scheme: 'tableau10' } },
        },
      },
      {
        title: 'Throughput (responses/s)',
        width: 640,
        height: 160,
        data: { values: throughput },
        mark: 'bar',
        encoding: {
          x: { field: 'run', type: 'nominal', sort: null, axis: { labelAngle: -30, title: null } },
          y: { field: 'rps', type: 'quantitative', title: 'req/s' },
        },
      },
    ],
  };
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  const png = new Resvg(svg, { fitTo: { mode: 'zoom', value: 1.5 }, background: 'white' }).render().asPng();
  return { svg, png };
}

/** Reports may be kept in docs/ (the docs checks want an owner and a review date). */
export function frontMatter(date = new Date()): string {
  return `---\nowner: capacity\nlast_reviewed: ${date.toISOString().slice(0, 10)}\n---\n\n`;
}

export async function writeReport(
  dir: string,
  title: string,
  results: RunResult[],
  checks: Check[],
): Promise<{ markdownPath: string; chartPath: string; jsonPath: string }> {
  mkdirSync(dir, { recursive: true });
  const { svg, png } = await renderChart(results);
  const chartPath = join(dir, 'loadtest.png');
  writeFileSync(chartPath, png);
  writeFileSync(join(dir, 'loadtest.svg'), svg);
  const markdownPath = join(dir, 'loadtest.md');
  writeFileSync(markdownPath, `${frontMatter()}${renderMarkdown(title, results, checks, 'loadtest.png')}`);
  const jsonPath = join(dir, 'loadtest.json');
  writeFileSync(jsonPath, JSON.stringify({ title, results, checks }, null, 2));
  return { markdownPath, chartPath, jsonPath };
}
