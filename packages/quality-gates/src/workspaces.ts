// The workspaces of the monorepo, read from the root package.json "workspaces" globs (dir/* or dir).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface Workspace {
  /** Path relative to the repo root, with forward slashes: "packages/db". */
  dir: string;
  name: string;
  private: boolean;
}

interface PackageJson {
  name?: string;
  private?: boolean;
  workspaces?: string[];
}

function readPackage(file: string): PackageJson {
  return JSON.parse(readFileSync(file, 'utf8')) as PackageJson;
}

export function listWorkspaces(root: string): Workspace[] {
  const patterns = readPackage(join(root, 'package.json')).workspaces ?? [];
  const dirs: string[] = [];
  for (const pattern of patterns) {
    if (pattern.endsWith('/*')) {
      const parent = pattern.slice(0, -2);
      if (!existsSync(join(root, parent))) continue;
      for (const name of readdirSync(join(root, parent)).sort()) dirs.push(`${parent}/${name}`);
    } else {
      dirs.push(pattern);
    }
  }
  const workspaces: Workspace[] = [];
  for (const dir of dirs) {
    const file = join(root, dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = readPackage(file);
    workspaces.push({ dir, name: pkg.name ?? dir, private: pkg.private === true });
  }
  return workspaces;
}

/** The workspace a repo-relative path belongs to, if any. */
export function workspaceOf(path: string, workspaces: Workspace[]): Workspace | undefined {
  return workspaces.find((ws) => path.startsWith(`${ws.dir}/`));
}
