import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { computeCapacity, defaultInputs } from '../../src/capacity/model.ts';
import { parseCapacityArgs, runCapacityCli } from '../../src/capacity/cli.ts';

describe('capacity model', () => {
  it('turns the challenge defaults into 500 clinic actions/s and 2,500 queries/s today', () => {
    const out = computeCapacity(defaultInputs);
    expect(out.activeLoginsAtPeak).toBe(5_000);
    expect(out.clinicActionsPerSecond).toBeCloseTo(500);
    expect(out.today.queriesPerSecond).toBeCloseTo(2_500);
  });

  it('cuts database queries five-fold with one round trip per action, and further with the cache', () => {
    const noCache = computeCapacity({ ...defaultInputs, cacheHitRatio: 0 });
    expect(noCache.target.queriesPerSecond).toBeCloseTo(noCache.today.queriesPerSecond / 5);
    const cached = computeCapacity(defaultInputs);
    expect(cached.target.queriesPerSecond).toBeLessThan(noCache.target.queriesPerSecond);
  });

  it("applies Little's law: busy connections = queries/s x seconds per query", () => {
    const out = computeCapacity({ ...defaultInputs, cacheHitRatio: 0, queryMs: 2 });
    expect(out.target.busyConnections).toBeCloseTo((500 * 2) / 1000);
  });

  it('plans N+1 API processes and reports the headroom left when one is lost', () => {
    const out = computeCapacity({ ...defaultInputs, measuredRpsPerProcess: 200, targetUtilisation: 0.5 });
    // 500 req/s at 50% of 200 req/s per process = 5 processes, +1 = 6
    expect(out.apiProcessesNeeded).toBe(6);
    expect(out.apiHeadroom).toBeCloseTo((5 * 200) / 500 - 1);
  });

  it('asks for PgBouncer once the pools together approach max_connections', () => {
    const out = computeCapacity({ ...defaultInputs, measuredRpsPerProcess: 50, poolSizePerProcess: 20 });
    expect(out.needsPgBouncer).toBe(true);
    expect(computeCapacity(defaultInputs).needsPgBouncer).toBe(false);
  });

  it('adds the future patient load and sizes the database for the years requested', () => {
    const out = computeCapacity(defaultInputs);
    expect(out.patientActionsPerSecond).toBeCloseTo((1_000_000 * 0.01 * 2) / 60);
    expect(out.futurePeakRequestsPerSecond).toBeGreaterThan(out.peakRequestsPerSecond);
    expect(out.database.appointments).toBe(30_000_000);
    expect(out.database.sizeGb).toBeGreaterThan(0);
  });

  it('recommends Citus when the data outgrows one primary', () => {
    const out = computeCapacity({ ...defaultInputs, years: 10, eventsPerClinicDay: 2_000 });
    expect(out.database.citusRecommended).toBe(true);
  });

  it('rejects shares above 1, negative numbers and a zero measured capacity', () => {
    expect(() => computeCapacity({ ...defaultInputs, peakActiveShare: 1.5 })).toThrow(/between 0 and 1/);
    expect(() => computeCapacity({ ...defaultInputs, clinics: -1 })).toThrow(/non-negative/);
    expect(() => computeCapacity({ ...defaultInputs, measuredRpsPerProcess: 0 })).toThrow(/greater than 0/);
  });
});

describe('npm run capacity', () => {
  it('accepts every input as a kebab-case flag', () => {
    const { inputs, json } = parseCapacityArgs([
      '--clinics',
      '20,000',
      '--queries-per-action-today',
      '7',
      '--json',
    ]);
    expect(inputs.clinics).toBe(20_000);
    expect(inputs.queriesPerActionToday).toBe(7);
    expect(json).toBe(true);
  });

  it('rejects a flag that is not a number or not an input', () => {
    expect(() => parseCapacityArgs(['--clinics', 'many'])).toThrow(/--clinics must be a number/);
    expect(() => parseCapacityArgs(['--unknown', '1'])).toThrow();
  });

  it('prints the markdown report with the load, database and resource tables', () => {
    const text = runCapacityCli([]);
    expect(text).toContain('| clinic actions/s (= API requests/s) | 500.0 |');
    expect(text).toContain('| today (5 queries/action, connection held for the action) | 2,500 |');
    expect(text).toMatch(/\| API processes \(N\+1/);
  });

  it('runs as a command and prints JSON with --json', () => {
    const stdout = execFileSync(process.execPath, ['src/capacity/cli.ts', '--json', '--clinics', '100'], {
      cwd: new URL('../..', import.meta.url).pathname,
      encoding: 'utf8',
    });
    const parsed = JSON.parse(stdout) as { outputs: { clinicActionsPerSecond: number } };
    expect(parsed.outputs.clinicActionsPerSecond).toBeCloseTo(5);
  });

  it('exits with status 2 and a message on a bad flag', () => {
    expect(() =>
      execFileSync(process.execPath, ['src/capacity/cli.ts', '--clinics', 'x'], {
        cwd: new URL('../..', import.meta.url).pathname,
        stdio: 'pipe',
      }),
    ).toThrow(/--clinics must be a number/);
  });
});
