// `npm run capacity -- --clinics 10000 --actions-per-minute 6 ...`: every model input is a flag (kebab-case
// of its name); prints the model's output as markdown, or JSON with --json.
import { parseArgs } from 'node:util';
import { computeCapacity, defaultInputs, type CapacityInputs, type CapacityOutputs } from './model.ts';

const kebab = (key: string): string => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export function parseCapacityArgs(argv: string[]): { inputs: CapacityInputs; json: boolean } {
  const options: Record<string, { type: 'string' | 'boolean' }> = { json: { type: 'boolean' } };
  for (const key of Object.keys(defaultInputs)) options[kebab(key)] = { type: 'string' };
  const { values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false });
  const inputs = { ...defaultInputs };
  for (const key of Object.keys(defaultInputs) as (keyof CapacityInputs)[]) {
    const raw = values[kebab(key)];
    if (typeof raw !== 'string') continue;
    const value = Number(raw.replaceAll('_', '').replaceAll(',', ''));
    if (!Number.isFinite(value)) throw new RangeError(`--${kebab(key)} must be a number, got "${raw}"`);
    inputs[key] = value;
  }
  return { inputs, json: values.json === true };
}

const n = (value: number, digits = 0): string =>
  value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const pct = (value: number): string => `${n(value * 100, 1)}%`;

export function renderCapacity(i: CapacityInputs, o: CapacityOutputs): string {
  const inputs = (Object.keys(i) as (keyof CapacityInputs)[]).map(
    (key) => `| --${kebab(key)} | ${n(i[key], Number.isInteger(i[key]) ? 0 : 3)} |`,
  );
  return [
    '# Capacity model',
    '',
    '## Inputs',
    '',
    '| flag | value |',
    '|---|---:|',
    ...inputs,
    '',
    '## Load at peak',
    '',
    '| quantity | value |',
    '|---|---:|',
    `| active clinic logins at peak | ${n(o.activeLoginsAtPeak)} |`,
    `| clinic actions/s (= API requests/s) | ${n(o.clinicActionsPerSecond, 1)} |`,
    `| future patient actions/s | ${n(o.patientActionsPerSecond, 1)} |`,
    `| future peak requests/s (clinics + patients) | ${n(o.futurePeakRequestsPerSecond, 1)} |`,
    `| reports requested/s at peak | ${n(o.reportsPerSecondAtPeak, 2)} |`,
    '',
    "## Database load (Little's law: busy connections = arrival rate x time held)",
    '',
    '| design | queries/s | busy connections | primary utilisation |',
    '|---|---:|---:|---:|',
    `| today (${n(i.queriesPerActionToday)} queries/action, connection held for the action) | ${n(o.today.queriesPerSecond)} | ${n(o.today.busyConnections, 1)} | ${pct(o.today.dbUtilisation)} |`,
    `| target (${n(i.queriesPerActionTarget)} round trip/action, cache hit ${pct(i.cacheHitRatio)} of reads) | ${n(o.target.queriesPerSecond)} | ${n(o.target.busyConnections, 1)} | ${pct(o.target.dbUtilisation)} |`,
    `| future (target + patients using the app) | ${n(o.future.queriesPerSecond)} | ${n(o.future.busyConnections, 1)} | ${pct(o.future.dbUtilisation)} |`,
    '',
    '## Resources',
    '',
    '| resource | value |',
    '|---|---:|',
    `| API processes (N+1 at ${pct(i.targetUtilisation)} of ${n(i.measuredRpsPerProcess)} req/s measured each) | ${n(o.apiProcessesNeeded)} |`,
    `| API headroom at peak with one process lost | ${pct(o.apiHeadroom)} |`,
    `| API processes for the future patient load | ${n(o.futureApiProcessesNeeded)} |`,
    `| pool connections if every process keeps ${n(i.poolSizePerProcess)} | ${n(o.poolConnectionsTotal)} |`,
    `| PgBouncer (transaction pooling) needed | ${o.needsPgBouncer ? 'yes' : 'not yet'} |`,
    `| report worker-seconds per second at peak | ${n(o.reportWorkerSecondsPerSecond, 3)} |`,
    `| report workers (N+1) | ${n(o.reportWorkersNeeded)} |`,
    `| appointments after ${n(i.years)} years | ${n(o.database.appointments)} |`,
    `| app events after ${n(i.years)} years | ${n(o.database.appEvents)} |`,
    `| database size incl. indexes (GB) | ${n(o.database.sizeGb, 1)} |`,
    `| Citus (shard by company_id) recommended | ${o.database.citusRecommended ? 'yes' : 'not yet'} |`,
    '',
  ].join('\n');
}

export function runCapacityCli(argv: string[]): string {
  const { inputs, json } = parseCapacityArgs(argv);
  const outputs = computeCapacity(inputs);
  return json ? JSON.stringify({ inputs, outputs }, null, 2) : renderCapacity(inputs, outputs);
}

if (import.meta.main) {
  try {
    process.stdout.write(`${runCapacityCli(process.argv.slice(2))}\n`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  }
}
