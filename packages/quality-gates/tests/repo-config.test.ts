// The repo's CI, release and gate configuration agree with each other, so a new job or gate cannot be
// forgotten in the required `gate` job, in `npm run verify` or in quality.config.ts.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { quality } from '../../../quality.config.ts';
import { gates } from '../src/registry.ts';
import { repoRoot } from './helpers/temp-repo.ts';

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  if?: string;
  needs?: string[] | string;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
}

const bin = (name: string): string => join(repoRoot, 'node_modules', '.bin', name);
const read = (path: string): string => readFileSync(join(repoRoot, path), 'utf8');
const ci = parse(read('.github/workflows/ci.yml')) as Workflow;
const needsOf = (job: Job): string[] => (Array.isArray(job.needs) ? job.needs : job.needs ? [job.needs] : []);

describe('ci.yml', () => {
  it('has a final gate job that needs every other job and runs even when one fails', () => {
    const gate = ci.jobs.gate;
    expect(gate).toBeDefined();
    const others = Object.keys(ci.jobs).filter((name) => name !== 'gate');
    expect(needsOf(gate!).sort()).toEqual(others.sort());
    expect(gate!.if).toBe('always()');
    expect(gate!.steps.map((s) => s.run ?? '').join('\n')).toMatch(/success.*skipped/);
  });

  it('runs every gate of the registry through scripts/gate.ts in some job', () => {
    const runs = Object.values(ci.jobs).flatMap((job) => job.steps.map((step) => step.run ?? ''));
    const invoked = runs
      .filter((run) => run.includes('scripts/gate.ts'))
      .flatMap((run) => run.replace(/^.*scripts\/gate\.ts/s, '').split(/\s+/))
      .filter((word) => /^[a-z0-9-]+$/.test(word));
    expect(invoked.sort()).toEqual(gates.map((g) => g.name).sort());
  });

  it('caches npm and the turbo cache in every job that installs, with no placeholder jobs', () => {
    for (const [name, job] of Object.entries(ci.jobs)) {
      if (name === 'gate') continue;
      const setupNode = job.steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
      expect(setupNode?.with, name).toMatchObject({ cache: 'npm', 'node-version-file': '.nvmrc' });
      expect(
        job.steps.some((s) => s.run?.startsWith('npm ci')),
        name,
      ).toBe(true);
      expect(
        job.steps.some((s) => s.run?.includes('scripts/gate.ts')),
        `${name} runs a gate`,
      ).toBe(true);
      const usesTurbo = job.steps.some((s) => / (format|lint|typecheck|test|build)$/.test(s.run ?? ''));
      if (usesTurbo) {
        const cache = job.steps.find((s) => s.uses?.startsWith('actions/cache@'));
        expect(cache?.with?.path, name).toBe('.turbo/cache');
      }
    }
  });

  it('gives the diff-based gates the full history, the base branch and the PR body', () => {
    const job = ci.jobs.gates!;
    expect(job.steps[0]?.with).toMatchObject({ 'fetch-depth': 0 });
    const step = job.steps.find((s) => s.run?.includes('scripts/gate.ts'));
    expect(step?.env).toMatchObject({
      PR_BODY: '${{ github.event.pull_request.body }}',
      GATE_BASE: 'origin/${{ github.base_ref }}',
    });
  });
});

describe('release.yml', () => {
  it('versions private packages with changesets/action and publishes nothing', () => {
    const release = parse(read('.github/workflows/release.yml')) as Workflow;
    const step = Object.values(release.jobs)
      .flatMap((job) => job.steps)
      .find((s) => s.uses?.startsWith('changesets/action@'));
    expect(step?.with?.version).toBe('npm run version-packages');
    expect(step?.with).not.toHaveProperty('publish');
  });
});

describe('gate registry and quality.config.ts', () => {
  it('lists exactly the gates quality.config.ts sets a policy for', () => {
    expect(gates.map((g) => g.name).sort()).toEqual(Object.keys(quality.gates).sort());
  });

  it('versions private packages in .changeset/config.json without tagging them', () => {
    const config = JSON.parse(read('.changeset/config.json')) as { privatePackages: unknown };
    expect(config.privatePackages).toEqual({ version: true, tag: false });
  });
});

describe('turbo.json', () => {
  interface Task {
    dependsOn?: string[];
    inputs?: string[];
    outputs?: string[];
    cache?: boolean;
  }
  const turbo = JSON.parse(read('turbo.json')) as { tasks: Record<string, Task> };

  it('caches the test reports the totals line is summed from, and hashes no generated files', () => {
    expect(turbo.tasks.test?.outputs).toContain('.reports/**');
    expect(turbo.tasks['//#format:check']?.inputs).toEqual(['$TURBO_DEFAULT$']);
    const inputs = Object.values(turbo.tasks).flatMap((task) => task.inputs ?? []);
    // `$TURBO_ROOT$/packages/x/**` would hash x's coverage/ and .reports/, so caches would never hit.
    expect(inputs.filter((glob) => glob.startsWith('$TURBO_ROOT$') && glob.endsWith('/**'))).toEqual(
      inputs.filter((glob) => glob.startsWith('$TURBO_ROOT$') && glob.endsWith('/src/**')),
    );
  });

  it('has the tasks later issues need: test:contract, e2e, bench, build', () => {
    expect(turbo.tasks['test:contract']).toMatchObject({
      dependsOn: ['^typecheck'],
      outputs: ['.reports/**', 'pacts/**'],
    });
    expect(turbo.tasks.e2e?.cache).toBe(false);
    expect(turbo.tasks.bench?.cache).toBe(false);
    expect(turbo.tasks.build?.outputs).toEqual(expect.arrayContaining(['dist/**', '.vitepress/dist/**']));
  });
});

describe('turbo task hashes (a second `npm test` must be fully cached)', () => {
  it('never include generated files: coverage, reports, turbo logs, builds or node_modules', () => {
    const probeRoot = join(repoRoot, 'packages', 'quality-gates');
    const probes = ['coverage', '.reports', '.turbo', 'dist', 'node_modules/.cache'].map((dir) =>
      join(probeRoot, dir, 'hash-probe.json'),
    );
    for (const probe of probes) {
      mkdirSync(dirname(probe), { recursive: true });
      writeFileSync(probe, '{}');
    }
    try {
      const dry = spawnSync(
        bin('turbo'),
        ['run', 'format:check', 'lint', 'typecheck', 'test', '--dry=json'],
        { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      );
      expect(dry.status, dry.stderr).toBe(0);
      const plan = JSON.parse(dry.stdout) as { tasks: { taskId: string; inputs: Record<string, string> }[] };
      const generated = plan.tasks.flatMap((task) =>
        Object.keys(task.inputs)
          .filter((file) => /(?:^|\/)(?:coverage|\.reports|\.turbo|dist|node_modules)\//.test(file))
          .map((file) => `${task.taskId}: ${file}`),
      );
      expect(generated).toEqual([]);
    } finally {
      for (const probe of probes) rmSync(probe, { force: true });
    }
  });
});

describe('root scripts and config files (no workspace lints or type-checks them)', () => {
  it('pass the root tsconfig and the root ESLint config', () => {
    const tsc = spawnSync(bin('tsc'), ['-p', 'tsconfig.json'], { cwd: repoRoot, encoding: 'utf8' });
    expect(tsc.status, tsc.stdout + tsc.stderr).toBe(0);
    const files = [
      'scripts',
      'quality.config.ts',
      'commitlint.config.js',
      'lint-staged.config.js',
      'eslint.config.js',
    ];
    const eslint = spawnSync(bin('eslint'), ['--max-warnings=0', ...files], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(eslint.status, eslint.stdout + eslint.stderr).toBe(0);
  }, 180_000);
});

describe('format:check (prettier reads only the root .gitignore)', () => {
  it('skips every generated output that a nested .gitignore names, so a load test run never fails `npm test`', () => {
    const tracked = spawnSync('git', ['ls-files', '*.gitignore'], { cwd: repoRoot, encoding: 'utf8' });
    const probes = tracked.stdout
      .split('\n')
      .filter((file) => file.includes('/'))
      .flatMap((file) =>
        read(file)
          .split('\n')
          .map((line) => line.trim())
          .filter((line) => line !== '' && !line.startsWith('#'))
          // A folder (`results/`): any file in it; a file entry: that file.
          .map((entry) =>
            (entry.endsWith('/')
              ? join(dirname(file), entry, 'probe.md')
              : join(dirname(file), entry)
            ).replaceAll('\\', '/'),
          ),
      );
    expect(probes).toContain('apps/report-api/loadtest/results/probe.md');
    const formatted = probes.filter((probe) => {
      const info = spawnSync(bin('prettier'), ['--file-info', probe], { cwd: repoRoot, encoding: 'utf8' });
      return !(JSON.parse(info.stdout) as { ignored: boolean }).ignored;
    });
    expect(formatted).toEqual([]);
  });
});
