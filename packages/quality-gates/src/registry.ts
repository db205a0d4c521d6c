// Every gate, in the order `npm run verify` runs them. CI runs the same gates by name
// (`node scripts/gate.ts <name>`), and a test checks that both lists and quality.config.ts agree.
import { quality } from '../../../quality.config.ts';
import { changesetGate } from './gates/changeset.ts';
import { e2eBudget } from './gates/e2e-budget.ts';
import { prSize } from './gates/pr-size.ts';
import { testsAccompanyCode } from './gates/tests-accompany-code.ts';
import { formatTotals, sumTotals } from './test-totals.ts';
import type { DiffContext, GateResult } from './types.ts';

interface GateInfo {
  name: string;
  /** What the gate checks, one line (shown by `--list` and in docs/reference/quality-gates.md). */
  checks: string;
}

export interface CommandGate extends GateInfo {
  kind: 'command';
  command: string[];
  /** Turns a successful command into a result (e.g. the test totals line). */
  summarize?: (root: string) => GateResult;
}

export interface DiffGate extends GateInfo {
  kind: 'diff';
  check: (ctx: DiffContext) => GateResult;
}

export type Gate = CommandGate | DiffGate;

// The repo's own turbo binary (relative to the root), not `npx`: no lookup cost, no flag parsing by npm.
const turbo = (task: string): string[] => [
  'node_modules/.bin/turbo',
  'run',
  task,
  '--output-logs=errors-only',
];

export const gates: Gate[] = [
  {
    name: 'format',
    kind: 'command',
    checks: 'Prettier formatting of every file',
    command: turbo('format:check'),
  },
  {
    name: 'lint',
    kind: 'command',
    checks: 'ESLint type-checked rules, dependency boundaries, no raw fetch in apps/web',
    command: turbo('lint'),
  },
  {
    name: 'typecheck',
    kind: 'command',
    checks: 'tsc --noEmit in every workspace',
    command: turbo('typecheck'),
  },
  {
    name: 'test',
    kind: 'command',
    checks: 'Vitest in every workspace with the coverage thresholds from quality.config.ts',
    command: turbo('test'),
    summarize: (root) => {
      const totals = sumTotals(root);
      return { outcome: totals.failed > 0 ? 'fail' : 'pass', summary: formatTotals(totals) };
    },
  },
  {
    name: 'build',
    kind: 'command',
    checks: 'every workspace that has a build script builds',
    command: turbo('build'),
  },
  {
    name: 'contract',
    kind: 'command',
    checks: 'Pact: consumer pacts match contracts/pacts, the API verifies them (HTTP + report job message)',
    command: turbo('test:contract'),
  },
  {
    name: 'bundle',
    kind: 'command',
    checks:
      'the web app main JS bundle stays within quality.bundle.mainJsGzipKb (gzip); needs the build gate first',
    command: ['npm', 'run', 'check:bundle', '-w', '@repo/web'],
  },
  {
    name: 'docs-smoke',
    kind: 'command',
    checks:
      'the built docs site opens in Chromium, a search finds a page and its link works; needs the build gate first',
    command: ['npm', 'run', 'test:smoke', '-w', '@repo/docs'],
  },
  {
    name: 'e2e',
    kind: 'command',
    checks:
      'real-browser e2e (Chromium) against the real API, worker and PostgreSQL, within quality.e2e.maxSeconds',
    command: turbo('e2e'),
    summarize: (root) => e2eBudget(root, quality),
  },
  {
    name: 'tests-accompany-code',
    kind: 'diff',
    checks: "a workspace's src/ changed only together with one of its tests",
    check: testsAccompanyCode,
  },
  {
    name: 'changeset',
    kind: 'diff',
    checks: 'every touched workspace is named in a changeset (or an empty changeset exists)',
    check: changesetGate,
  },
  {
    name: 'pr-size',
    kind: 'diff',
    checks: 'changed lines stay under the review-size threshold',
    check: prSize,
  },
];
