// Shared Vitest settings: coverage thresholds come from the root quality.config.ts so tech leads set them once.
import { defineConfig, mergeConfig, type ViteUserConfig } from 'vitest/config';
import { coverageThresholdsFor } from './thresholds.ts';

/** Where the JSON report goes; .ci/run names a second file when it reruns a suite on another database. */
export function jsonReportFile(env: NodeJS.ProcessEnv = process.env): string {
  return env.VITEST_JSON_REPORT ?? '.reports/vitest.json';
}

export function baseConfig(workspaceDir: string): ViteUserConfig {
  const thresholds = coverageThresholdsFor(workspaceDir);
  return defineConfig({
    test: {
      include: ['src/**/*.test.{ts,tsx}', 'tests/**/*.test.{ts,tsx}'],
      reporters: ['default', ['json', { outputFile: jsonReportFile() }]],
      coverage: {
        provider: 'v8',
        enabled: true,
        include: ['src/**/*.{ts,tsx}'],
        exclude: ['src/**/*.test.{ts,tsx}', 'src/**/*.d.ts', 'src/**/fixtures/**', 'src/cli/**'],
        reporter: ['text-summary', 'json-summary'],
        reportsDirectory: 'coverage',
        thresholds,
      },
    },
  });
}

export function withBase(workspaceDir: string, config: ViteUserConfig): ViteUserConfig {
  return mergeConfig(baseConfig(workspaceDir), config);
}
