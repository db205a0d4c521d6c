// The one file where tech leads set every quality threshold. Every gate reads it; none hard-codes a number.
// Raise a workspace's coverage by adding or editing its entry under coverage.workspaces (see playbooks).

export interface Thresholds {
  lines: number;
  branches: number;
  functions: number;
  statements: number;
}

export interface QualityConfig {
  coverage: { default: Thresholds; workspaces: Record<string, Partial<Thresholds>> };
  /** Changed lines above this number make the pr-size gate warn; `ignore` lists generated files it does not count. */
  pullRequest: { warnAboveChangedLines: number; ignore: string[] };
  bundle: { mainJsGzipKb: number };
  e2e: { maxSeconds: number };
  docs: { reviewEveryDays: number };
  /** Every gate `npm run verify` and CI run. required: false turns a failure into a warning. */
  gates: Record<string, { required: boolean }>;
}

export const quality: QualityConfig = {
  coverage: {
    // New packages start here: 80% lines and branches.
    default: { lines: 80, branches: 80, functions: 80, statements: 80 },
    workspaces: {},
  },
  pullRequest: { warnAboveChangedLines: 400, ignore: ['package-lock.json', 'CHANGELOG.md'] },
  bundle: { mainJsGzipKb: 200 },
  e2e: { maxSeconds: 120 },
  docs: { reviewEveryDays: 180 },
  gates: {
    format: { required: true },
    lint: { required: true },
    typecheck: { required: true },
    test: { required: true },
    build: { required: true },
    contract: { required: true },
    bundle: { required: true },
    'docs-smoke': { required: true },
    e2e: { required: true },
    'tests-accompany-code': { required: true },
    changeset: { required: true },
    'pr-size': { required: false },
  },
};
