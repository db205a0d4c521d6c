import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { quality } from '../../../quality.config.ts';
import { runCli } from '../src/cli.ts';
import { isSourcePath, isTestPath, noTestNeededReason } from '../src/gates/tests-accompany-code.ts';
import { cleanEnv, createTempRepo, monorepoFiles, repoRoot, type TempRepo } from './helpers/temp-repo.ts';

let repo: TempRepo;
let output: string[];

function gate(env: NodeJS.ProcessEnv = {}, extraArgs: string[] = []): number {
  output = [];
  return runCli(['tests-accompany-code', '--base', 'main', ...extraArgs], {
    root: repo.dir,
    env,
    config: quality,
    log: (line) => output.push(line),
  });
}

beforeEach(() => {
  repo = createTempRepo(monorepoFiles());
  repo.commit('chore: initial');
  repo.git('checkout', '--quiet', '-b', 'feature');
});

afterEach(() => {
  repo.remove();
});

describe('tests-accompany-code gate', () => {
  it("fails a commit that changes a package's source without touching its tests", () => {
    repo.write({
      'packages/lib/src/sum.ts': 'export const sum = (a: number, b: number): number => b + a;\n',
    });
    repo.commit('feat(lib): swap operands');

    expect(gate()).toBe(1);
    expect(output.join('\n')).toMatch(/tests-accompany-code\s+fail .*packages\/lib/);
    expect(output.join('\n')).toContain('packages/lib/src/sum.ts');
  });

  it('passes when the same commit also changes a test of that package', () => {
    repo.write({
      'packages/lib/src/sum.ts': 'export const sum = (a: number, b: number): number => b + a;\n',
      'packages/lib/tests/sum.test.ts': "import '../src/sum.ts';\n// commutative\n",
    });
    repo.commit('feat(lib): swap operands');

    expect(gate()).toBe(0);
    expect(output.join('\n')).toMatch(/tests-accompany-code\s+pass/);
  });

  it('passes with a no-test-needed line in the PR body, from $PR_BODY or a file', () => {
    repo.write({
      'packages/lib/src/sum.ts':
        '// renamed nothing\nexport const sum = (a: number, b: number): number => a + b;\n',
    });
    repo.commit('docs(lib): comment');

    expect(gate({ PR_BODY: '## Test plan\nno-test-needed: comment only\n' })).toBe(0);
    expect(output.join('\n')).toContain('escaped (no-test-needed: comment only)');

    const bodyFile = join(repo.dir, 'body.md');
    writeFileSync(bodyFile, '- no-test-needed: a comment\n');
    expect(gate({}, ['--pr-body-file', bodyFile])).toBe(0);
  });

  it('still fails when the escape line has no reason', () => {
    repo.write({ 'apps/api/src/server.ts': 'export const port = 3000;\n' });
    repo.commit('feat(api): port');

    expect(gate({ PR_BODY: 'no-test-needed:\n' })).toBe(1);
  });

  it('sees uncommitted work too, so verify before committing matches CI after pushing', () => {
    repo.write({ 'apps/api/src/routes.ts': 'export const routes = [];\n' });

    expect(gate()).toBe(1);
    expect(output.join('\n')).toContain('apps/api/src/routes.ts');
  });

  it('ignores deleted sources and files outside src/', () => {
    repo.git('rm', '--quiet', 'apps/api/src/server.ts');
    repo.write({
      'packages/lib/README.md': '# lib\n',
      'packages/lib/package.json': '{"name":"@repo/lib"}\n',
    });
    repo.commit('chore: tidy');

    expect(gate()).toBe(0);
  });

  it('fails through the root script the CI job runs (node scripts/gate.ts)', () => {
    repo.write({
      'packages/lib/src/sum.ts': 'export const sum = (a: number, b: number): number => b + a;\n',
    });
    repo.commit('feat(lib): swap operands');

    const run = spawnSync(
      'node',
      [join(repoRoot, 'scripts/gate.ts'), 'tests-accompany-code', '--base', 'main'],
      {
        cwd: repo.dir,
        env: cleanEnv(),
        encoding: 'utf8',
      },
    );
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/source changed without tests in packages\/lib/);
  });
});

describe('what counts as source and as a test', () => {
  it.each([
    ['src/report.ts', true, false],
    ['src/report.test.ts', false, true],
    ['src/ui/Button.spec.tsx', false, true],
    ['tests/integration/runs.ts', false, true],
    ['src/fixtures/data.ts', false, true],
    ['src/types.d.ts', false, false],
    ['migrations/001.do.sql', false, false],
    ['vitest.config.ts', false, false],
  ])('%s: source %s, test %s', (path, source, test) => {
    expect(isSourcePath(path)).toBe(source);
    expect(isTestPath(path)).toBe(test);
  });

  it('reads the reason of a no-test-needed line anywhere in the body, in any case', () => {
    expect(noTestNeededReason('intro\n> No-Test-Needed: generated code\n')).toBe('generated code');
    expect(noTestNeededReason('we have no-test-needed: here')).toBeUndefined();
  });
});
