// Throwaway git repositories for gate tests: real git, real files, removed after each test.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** The monorepo root (for node_modules and the real config files under test). */
export const repoRoot = resolve(import.meta.dirname, '../../../..');

export interface TempRepo {
  dir: string;
  write: (files: Record<string, string>) => void;
  git: (...args: string[]) => string;
  commit: (message: string) => void;
  remove: () => void;
}

/** Environment for child processes: hooks and gates must not see the outer CI/husky settings. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  for (const key of ['CI', 'HUSKY', 'GATE_BASE', 'PR_BODY', 'PR_BODY_FILE', 'GIT_DIR', 'GIT_INDEX_FILE']) {
    if (!(key in extra)) Reflect.deleteProperty(env, key);
  }
  return env;
}

export function createTempRepo(
  files: Record<string, string>,
  options: { linkNodeModules?: boolean } = {},
): TempRepo {
  const dir = mkdtempSync(join(tmpdir(), 'gates-'));
  const write = (more: Record<string, string>): void => {
    for (const [path, content] of Object.entries(more)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
  };
  const git = (...args: string[]): string =>
    execFileSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      env: cleanEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  git('init', '--quiet', '--initial-branch=main');
  git('config', 'user.email', 'test@example.com');
  git('config', 'user.name', 'Gate Test');
  git('config', 'commit.gpgsign', 'false');
  if (options.linkNodeModules) symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'));
  write({ '.gitignore': 'node_modules\n', ...files });
  return {
    dir,
    write,
    git,
    commit: (message) => {
      git('add', '-A');
      git('commit', '--quiet', '--no-verify', '-m', message);
    },
    remove: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A minimal monorepo: two workspaces with a source file and a test each. */
export function monorepoFiles(): Record<string, string> {
  return {
    'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['apps/*', 'packages/*'] }),
    'apps/api/package.json': JSON.stringify({ name: '@repo/api', private: true }),
    'apps/api/src/server.ts': 'export const port = 0;\n',
    'apps/api/src/server.test.ts': "import './server.ts';\n",
    'packages/lib/package.json': JSON.stringify({ name: '@repo/lib', private: true }),
    'packages/lib/src/sum.ts': 'export const sum = (a: number, b: number): number => a + b;\n',
    'packages/lib/tests/sum.test.ts': "import '../src/sum.ts';\n",
    '.changeset/config.json': JSON.stringify({ privatePackages: { version: true, tag: false }, ignore: [] }),
  };
}
