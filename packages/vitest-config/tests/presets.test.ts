import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { quality, type QualityConfig } from '../../../quality.config.ts';
import { baseConfig, jsonReportFile } from '../src/base.ts';
import { domConfig } from '../src/dom.ts';
import { nodeConfig } from '../src/node.ts';
import { coverageThresholdsFor } from '../src/thresholds.ts';

const repoRoot = resolve(import.meta.dirname, '../../..');
const workspace = (path: string): string => join(repoRoot, path);

const temp = mkdtempSync(join(tmpdir(), 'vitest-config-'));
afterAll(() => {
  rmSync(temp, { recursive: true, force: true });
});

describe('coverage thresholds', () => {
  it('come from quality.config.ts for a workspace without its own entry', () => {
    const config = nodeConfig(workspace('packages/brand-new'));
    expect(config.test?.coverage).toMatchObject({
      provider: 'v8',
      enabled: true,
      thresholds: quality.coverage.default,
    });
  });

  it('apply a per-workspace override on top of the default, keyed by the workspace path', () => {
    const config: QualityConfig = {
      ...quality,
      coverage: {
        default: { lines: 80, branches: 80, functions: 80, statements: 80 },
        workspaces: { 'apps/report-api': { lines: 92, branches: 85 } },
      },
    };
    expect(coverageThresholdsFor(workspace('apps/report-api'), config)).toEqual({
      lines: 92,
      branches: 85,
      functions: 80,
      statements: 80,
    });
    expect(coverageThresholdsFor(workspace('apps/web'), config)).toEqual(config.coverage.default);
  });

  it('fail loudly when there is no quality.config.ts above the workspace', () => {
    const outside = join(temp, 'lonely');
    mkdirSync(outside);
    expect(() => coverageThresholdsFor(outside)).toThrow(/quality.config.ts not found/);
  });

  it('use the folder name when the workspace is the root itself', () => {
    writeFileSync(join(temp, 'quality.config.ts'), '');
    expect(coverageThresholdsFor(temp, quality)).toEqual(quality.coverage.default);
  });
});

describe('presets', () => {
  it('write a json-summary coverage report and a JSON test report that turbo caches', () => {
    const config = baseConfig(workspace('packages/db'));
    expect(config.test?.coverage).toMatchObject({
      reporter: expect.arrayContaining(['json-summary']),
      reportsDirectory: 'coverage',
    });
    expect(config.test?.reporters).toContainEqual(['json', { outputFile: '.reports/vitest.json' }]);
  });

  it('name a second JSON report when a suite is rerun on another database (VITEST_JSON_REPORT)', () => {
    expect(jsonReportFile({})).toBe('.reports/vitest.json');
    expect(jsonReportFile({ VITEST_JSON_REPORT: '.reports/vitest-external-pg.json' })).toBe(
      '.reports/vitest-external-pg.json',
    );
  });

  it('run node workspaces in forks with long timeouts, and let a workspace override them', () => {
    expect(nodeConfig(workspace('packages/db')).test).toMatchObject({ environment: 'node', pool: 'forks' });
    const custom = nodeConfig(workspace('packages/db'), { test: { testTimeout: 5_000 } });
    expect(custom.test?.testTimeout).toBe(5_000);
    expect(custom.test?.coverage?.enabled).toBe(true);
  });

  it('run React workspaces in jsdom, keeping the shared coverage thresholds', () => {
    const config = domConfig(workspace('apps/web'), { test: { setupFiles: ['./src/test/setup.ts'] } });
    expect(config.test).toMatchObject({ environment: 'jsdom', setupFiles: ['./src/test/setup.ts'] });
    expect(config.test?.coverage).toMatchObject({ thresholds: coverageThresholdsFor(workspace('apps/web')) });
  });
});
