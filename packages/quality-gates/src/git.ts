// Thin wrappers over the git CLI: the gates only need a few read-only questions answered.
import { execFileSync } from 'node:child_process';

export function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** True when `ref` names a commit in the repository at `cwd`. */
export function refExists(cwd: string, ref: string): boolean {
  try {
    git(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}

export function isGitRepo(cwd: string): boolean {
  try {
    return git(cwd, ['rev-parse', '--is-inside-work-tree']).trim() === 'true';
  } catch {
    return false;
  }
}

/** The upstream of the current branch (e.g. origin/feature), or undefined when it has none. */
export function upstreamOf(cwd: string): string | undefined {
  try {
    const ref = git(cwd, ['rev-parse', '--abbrev-ref', '--symbolic-full-name', '@{upstream}']).trim();
    return ref || undefined;
  } catch {
    return undefined;
  }
}
