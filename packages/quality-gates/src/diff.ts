// What a change touches, compared with a base ref: committed work since the merge base plus the working
// tree (so `npm run verify` before committing sees what CI will see after the push).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { git, refExists } from './git.ts';

export interface ChangedFile {
  path: string;
  /** git status letter: A added, M modified, D deleted, R renamed, ... */
  status: string;
  added: number;
  deleted: number;
}

export interface Change {
  base: string;
  mergeBase: string;
  files: ChangedFile[];
}

export function resolveChange(root: string, base: string): Change {
  if (!refExists(root, base)) throw new Error(`base ref '${base}' does not exist (fetch it first)`);
  const mergeBase = git(root, ['merge-base', base, 'HEAD']).trim();
  const byPath = new Map<string, ChangedFile>();
  for (const line of git(root, ['diff', '--name-status', '--no-renames', mergeBase]).split('\n')) {
    const [status, path] = line.split('\t');
    if (status && path) byPath.set(path, { path, status: status.charAt(0), added: 0, deleted: 0 });
  }
  for (const line of git(root, ['diff', '--numstat', '--no-renames', mergeBase]).split('\n')) {
    const [added, deleted, path] = line.split('\t');
    const file = path ? byPath.get(path) : undefined;
    // Binary files report "-": they count as one changed line each way.
    if (file) {
      file.added = added === '-' ? 1 : Number(added);
      file.deleted = deleted === '-' ? 1 : Number(deleted);
    }
  }
  for (const path of git(root, ['ls-files', '--others', '--exclude-standard']).split('\n')) {
    if (!path) continue;
    const text = readFileSync(join(root, path), 'utf8');
    const lines = text.length === 0 ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    byPath.set(path, { path, status: 'A', added: lines, deleted: 0 });
  }
  return { base, mergeBase, files: [...byPath.values()].sort((a, b) => a.path.localeCompare(b.path)) };
}
