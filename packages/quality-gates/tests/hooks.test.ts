// The real hooks (.husky/*, commitlint.config.js, lint-staged.config.js) installed by husky into a
// throwaway repository and triggered by real `git commit`s.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hookSkipReason, prePushBase, prePushTurboArgs } from '../src/hooks.ts';
import { cleanEnv, createTempRepo, repoRoot, type TempRepo } from './helpers/temp-repo.ts';

let repo: TempRepo;

function commit(
  message: string,
  env: Record<string, string> = {},
): { status: number | null; output: string } {
  const result = spawnSync('git', ['commit', '-m', message], {
    cwd: repo.dir,
    env: cleanEnv(env),
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function installHooks(): void {
  mkdirSync(join(repo.dir, '.husky'));
  for (const hook of ['pre-commit', 'commit-msg', 'pre-push']) {
    copyFileSync(join(repoRoot, '.husky', hook), join(repo.dir, '.husky', hook));
  }
  for (const file of [
    'commitlint.config.js',
    'lint-staged.config.js',
    '.prettierrc.json',
    'eslint.config.js',
  ]) {
    copyFileSync(join(repoRoot, file), join(repo.dir, file));
  }
  const result = spawnSync('node', [join(repoRoot, 'scripts/install-hooks.ts')], {
    cwd: repo.dir,
    env: cleanEnv(),
    encoding: 'utf8',
  });
  expect(result.status, result.stderr).toBe(0);
  expect(repo.git('config', 'core.hooksPath').trim()).toBe('.husky/_');
}

beforeEach(() => {
  repo = createTempRepo(
    {
      'package.json': JSON.stringify({ name: 'hooks-test', private: true, type: 'module' }),
      'tsconfig.json': JSON.stringify({ extends: '@repo/tsconfig/node.json', include: ['*.ts', '*.js'] }),
      'README.md': '# hooks\n',
    },
    { linkNodeModules: true },
  );
  repo.commit('chore: initial');
});

afterEach(() => {
  repo.remove();
});

describe('commit-msg hook', () => {
  it('rejects the message "fix stuff"', () => {
    installHooks();
    repo.write({ 'a.md': '# a\n' });
    repo.git('add', 'a.md');

    const result = commit('fix stuff');

    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/subject may not be empty|type may not be empty/);
    expect(repo.git('log', '--oneline')).not.toContain('fix stuff');
  });

  it('accepts a conventional message', () => {
    installHooks();
    repo.write({ 'a.md': '# a\n' });
    repo.git('add', 'a.md');

    const result = commit('docs(readme): explain the hooks');

    expect(result.status, result.output).toBe(0);
  });

  it.each([
    ['docs(report-api): HTTP conventions reference and decision records 020-027', 0],
    [`feat(web): ${'a long but honest subject '.repeat(5).trim()}`, 0],
    ['Fix: stuff', 1],
    ['feature(web): add a page', 1],
  ])('commitlint with our config: "%s" exits %i', (message, code) => {
    const result = spawnSync(join(repoRoot, 'node_modules/.bin/commitlint'), ['--cwd', repoRoot], {
      input: message,
      encoding: 'utf8',
    });
    expect(result.status, result.stdout).toBe(code);
  });

  it('is skipped when CI=true', () => {
    installHooks();
    repo.write({ 'a.md': '# a\n' });
    repo.git('add', 'a.md');

    expect(commit('fix stuff', { CI: 'true' }).status).toBe(0);
  });
});

describe('pre-commit hook', () => {
  it('formats and lint-fixes a badly formatted staged file, and leaves unstaged files alone', () => {
    installHooks();
    repo.write({
      'sum.ts': 'let total  =  1\nexport   const sum=(a:number,b:number):number=>a+b+total\n',
      'untouched.ts': 'export   const  messy=1\n',
    });
    repo.git('add', 'sum.ts');

    const result = commit('feat: add sum');

    expect(result.status, result.output).toBe(0);
    expect(repo.git('show', 'HEAD:sum.ts')).toBe(
      'const total = 1;\nexport const sum = (a: number, b: number): number => a + b + total;\n',
    );
    expect(readFileSync(join(repo.dir, 'untouched.ts'), 'utf8')).toBe('export   const  messy=1\n');
  });

  it('blocks a commit whose staged file has a lint error eslint cannot fix', () => {
    installHooks();
    repo.write({ 'job.ts': 'async function run(): Promise<void> {}\nrun();\n' });
    repo.git('add', 'job.ts');

    const result = commit('feat: add job');

    expect(result.status).not.toBe(0);
    expect(result.output).toContain('no-floating-promises');
  });
});

describe('hook installation and pre-push', () => {
  it('skips installing hooks without .git, with CI=true and with HUSKY=0', () => {
    expect(hookSkipReason(repo.dir, {})).toBeUndefined();
    expect(hookSkipReason(repo.dir, { CI: 'true' })).toBe('CI=true');
    expect(hookSkipReason(repo.dir, { HUSKY: '0' })).toBe('HUSKY=0');
    expect(hookSkipReason(join(repo.dir, 'nowhere'), {})).toBe('no .git');

    const result = spawnSync('node', [join(repoRoot, 'scripts/install-hooks.ts')], {
      cwd: repo.dir,
      env: cleanEnv({ CI: 'true' }),
      encoding: 'utf8',
    });
    expect(result.stdout).toContain('hooks: skipped (CI=true)');
    expect(spawnSync('git', ['config', 'core.hooksPath'], { cwd: repo.dir }).status).not.toBe(0);

    const exported = join(repo.dir, 'exported');
    mkdirSync(exported);
    const noGit = spawnSync('node', [join(repoRoot, 'scripts/install-hooks.ts')], {
      cwd: exported,
      env: cleanEnv(),
      encoding: 'utf8',
    });
    expect(noGit.status).toBe(0);
    expect(noGit.stdout).toContain('hooks: skipped (no .git)');
  });

  it('pre-push runs everything when there is no upstream, and only affected workspaces when there is', () => {
    expect(prePushBase(repo.dir)).toBeUndefined();
    expect(prePushTurboArgs(repo.dir)).toEqual(['run', 'typecheck', 'test', '--output-logs=errors-only']);

    const remote = createTempRepo({});
    try {
      remote.git('config', 'receive.denyCurrentBranch', 'ignore');
      repo.git('remote', 'add', 'origin', remote.dir);
      repo.git('push', '--quiet', 'origin', 'main');
      expect(prePushTurboArgs(repo.dir)).toContain('--filter=...[origin/main]');

      repo.git('checkout', '--quiet', '-b', 'feature');
      repo.git('push', '--quiet', '--set-upstream', 'origin', 'feature');
      expect(prePushBase(repo.dir)).toBe('origin/feature');
    } finally {
      remote.remove();
    }
  });
});
