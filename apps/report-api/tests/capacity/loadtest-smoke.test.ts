// Load tests in smoke form: the real harness (autocannon, open model, /metrics sampling, markdown + PNG
// report) against a real server for a second or two with small numbers. Full runs: npm run loadtest.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertLoopback, percentile, runLoad } from '../../loadtest/runner.ts';
import { writeReport } from '../../loadtest/report.ts';
import { startHello } from '../../loadtest/processes.ts';
import type { ScenarioContext } from '../../loadtest/scenarios.ts';
import { TOKENS, startTestServer, type TestServer } from '../platform/fixtures.ts';

let s: TestServer;
let context: ScenarioContext;

beforeAll(async () => {
  s = await startTestServer();
  context = {
    actors: [
      { companyId: s.seeded.companyA, token: TOKENS.clinicA, patientIds: [s.seeded.patientA] },
      { companyId: s.seeded.companyB, token: TOKENS.clinicB, patientIds: [] },
    ],
    from: '2026-02-20',
    to: '2026-03-02',
  };
});

afterAll(async () => {
  await s.stop();
});

describe('load-test harness (smoke)', () => {
  it('holds a fixed arrival rate on clinic browsing and reports percentiles, errors and saturation', async () => {
    const result = await runLoad({
      label: 'smoke',
      url: s.url,
      scenario: 'clinic-browsing',
      context,
      rate: 40,
      durationSeconds: 2,
      metricsUrls: [`${s.url}/metrics`],
    });
    expect(result.model).toBe('open');
    expect(result.errors).toBe(0);
    expect(result.requests).toBeGreaterThanOrEqual(10);
    expect(result.sustained).toBeGreaterThan(0); // the share itself depends on the machine's load
    expect(result.p50Ms).toBeLessThanOrEqual(result.p95Ms);
    expect(result.p95Ms).toBeLessThanOrEqual(result.p99Ms);
    expect(result.saturation.processCpuCores).toBeGreaterThan(0);
    expect(result.saturation.eventLoopLagP99Ms).toBeGreaterThanOrEqual(0);
    expect(result.saturation.poolWaitingMax).toBeGreaterThanOrEqual(0);

    const dir = mkdtempSync(join(tmpdir(), 'loadtest-'));
    const { markdownPath, chartPath } = await writeReport(
      dir,
      'smoke',
      [result],
      [{ name: 'no errors', target: '0', measured: String(result.errors), pass: true }],
    );
    const markdown = readFileSync(markdownPath, 'utf8');
    expect(markdown).toContain('| p50 ms | p95 ms | p99 ms |');
    expect(markdown).toContain('| no errors | 0 | 0 | PASS |');
    expect(readFileSync(chartPath).subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('counts every error status as an error (an unknown token is 401)', async () => {
    const result = await runLoad({
      label: 'bad tokens',
      url: s.url,
      scenario: 'clinic-read',
      context: { ...context, actors: [{ companyId: '0', token: 'not-a-token', patientIds: [] }] },
      rate: 20,
      durationSeconds: 1,
    });
    expect(result.requests).toBeGreaterThan(0);
    expect(result.errorRate).toBe(1);
  });

  it('measures an express hello world started as its own process (closed model)', async () => {
    const hello = await startHello();
    try {
      const result = await runLoad({
        label: 'hello',
        url: hello.url,
        scenario: 'hello',
        context,
        durationSeconds: 1,
        connections: 4,
        metricsUrls: [`${hello.url}/metrics`],
      });
      expect(result.model).toBe('closed');
      expect(result.throughput).toBeGreaterThan(50);
      expect(result.errors).toBe(0);
    } finally {
      await hello.stop();
    }
  });

  it('refuses any target that is not a loopback address', () => {
    expect(() => assertLoopback('http://10.0.0.5:3000')).toThrow(/loopback/);
    expect(() => assertLoopback('https://example.com')).toThrow(/loopback/);
    expect(() => assertLoopback('http://127.0.0.1:3000')).not.toThrow();
    expect(() => assertLoopback('http://localhost:3000')).not.toThrow();
  });

  it('picks nearest-rank percentiles', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 0.5)).toBe(50);
    expect(percentile(sorted, 0.99)).toBe(99);
    expect(percentile([], 0.99)).toBe(0);
    expect(existsSync(tmpdir())).toBe(true);
  });
});
