// A throwaway copy of the monorepo for generator runs: a `git clone --shared` of HEAD (no object copies),
// the working tree's turbo/generators on top (so the generators under test are the ones being edited), and
// node_modules linked entry by entry from the real repo, except @repo/* which points at the copy's own
// workspaces. No npm install: a copy is ready in seconds.
import { spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readlinkSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunResult {
  code: number;
  output: string;
  seconds: number;
}

/** Runs a command to completion; never throws for a non-zero exit (callers assert on `code`). */
export function run(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<RunResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code: code ?? 1, output, seconds: (performance.now() - started) / 1000 });
    });
  });
}

/** Runs the tasks with at most `limit` at a time; results in task order. */
export async function inParallel<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const index = next++;
      const task = tasks[index];
      if (task) results[index] = await task();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/** Links `<from>/node_modules` into `<to>`, with @repo/* resolving to the copy's own workspaces. */
export function linkNodeModules(from: string, to: string): void {
  const source = join(from, 'node_modules');
  const target = join(to, 'node_modules');
  mkdirSync(target);
  for (const entry of readdirSync(source)) {
    if (entry !== '@repo') symlinkSync(join(source, entry), join(target, entry));
  }
  mkdirSync(join(target, '@repo'));
  for (const entry of readdirSync(join(source, '@repo'))) {
    // npm's workspace links are relative (../../packages/x), so they resolve inside the copy.
    symlinkSync(readlinkSync(join(source, '@repo', entry)), join(target, '@repo', entry));
  }
  for (const group of ['apps', 'packages', '.']) {
    const dir = join(from, group);
    for (const workspace of group === '.' ? ['docs'] : readdirSync(dir)) {
      const modules = join(dir, workspace, 'node_modules');
      const copy = join(to, group, workspace);
      if (existsSync(modules) && existsSync(copy) && !existsSync(join(copy, 'node_modules'))) {
        symlinkSync(modules, join(copy, 'node_modules'));
      }
    }
  }
}

/** The generators under test, copied from the working tree over the clone of HEAD. */
export const GENERATOR_SOURCES = ['turbo/generators', 'packages/generators/src'];

export interface RepoCopy {
  dir: string;
  /** Runs `turbo gen <generator> --args ...` (the @turbo/gen CLI that `turbo gen` starts). */
  generate: (generator: string, args: string[]) => Promise<RunResult>;
  /** Paths the generators added or changed, from git (repo-relative, POSIX). */
  changedFiles: () => Promise<string[]>;
  remove: () => void;
}

export async function copyRepo(root: string): Promise<RepoCopy> {
  const dir = mkdtempSync(join(tmpdir(), 'gen-check-'));
  const clone = await run('git', ['clone', '--quiet', '--shared', root, dir], root);
  if (clone.code !== 0) throw new Error(`git clone failed: ${clone.output}`);
  for (const path of GENERATOR_SOURCES) {
    rmSync(join(dir, path), { recursive: true, force: true });
    cpSync(join(root, path), join(dir, path), { recursive: true });
  }
  await run('git', ['add', '--all', ...GENERATOR_SOURCES], dir);
  await run(
    'git',
    [
      '-c',
      'user.name=gen',
      '-c',
      'user.email=gen@localhost',
      'commit',
      '--quiet',
      '--no-verify',
      '--allow-empty',
      '-m',
      'chore: generators under test',
    ],
    dir,
  );
  linkNodeModules(root, dir);
  const cli = join(dir, 'node_modules', '@turbo', 'gen', 'dist', 'cli.js');
  return {
    dir,
    generate: (generator, args) =>
      run(process.execPath, [cli, 'run', generator, '--root', dir, '--args', ...args], dir),
    changedFiles: async () => {
      const status = await run('git', ['status', '--porcelain', '--untracked-files=all'], dir);
      return status.output
        .split('\n')
        .filter((line) => line.length > 3)
        .map((line) => line.slice(3))
        .filter((path) => !path.endsWith('node_modules'));
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
