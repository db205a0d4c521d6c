// Decisions behind the git hooks, kept here so they are tested: when to skip, and what pre-push runs.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { refExists, upstreamOf } from './git.ts';

/** Why hooks are not installed or not run here, or undefined when they should be. */
export function hookSkipReason(root: string, env: NodeJS.ProcessEnv): string | undefined {
  if (env.CI === 'true') return 'CI=true';
  if (env.HUSKY === '0') return 'HUSKY=0';
  if (!existsSync(join(root, '.git'))) return 'no .git';
  return undefined;
}

/** The ref pre-push compares against: the branch's upstream, else origin/main, else none (run everything). */
export function prePushBase(root: string): string | undefined {
  const upstream = upstreamOf(root);
  if (upstream && refExists(root, upstream)) return upstream;
  return refExists(root, 'origin/main') ? 'origin/main' : undefined;
}

/** turbo arguments for pre-push: typecheck and test only the workspaces affected since the base. */
export function prePushTurboArgs(root: string): string[] {
  const base = prePushBase(root);
  const args = ['run', 'typecheck', 'test', '--output-logs=errors-only'];
  return base ? [...args, `--filter=...[${base}]`] : args;
}
