// Where the monorepo is, seen from a linted file: the nearest folder above it with a turbo.json.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

const roots = new Map<string, string | undefined>();

function rootAbove(dir: string): string | undefined {
  if (roots.has(dir)) return roots.get(dir);
  const parent = dirname(dir);
  const root = existsSync(join(dir, 'turbo.json')) ? dir : parent === dir ? undefined : rootAbove(parent);
  roots.set(dir, root);
  return root;
}

/** The monorepo root above a file, cached per directory. */
export function repoRoot(file: string): string | undefined {
  return rootAbove(dirname(file));
}

const appNames = new Map<string, Set<string>>();

/** Package names of the apps (apps/<name>/package.json), read once per root. */
export function appPackageNames(root: string): Set<string> {
  const cached = appNames.get(root);
  if (cached) return cached;
  const names = new Set<string>();
  const apps = join(root, 'apps');
  if (existsSync(apps)) {
    for (const dir of readdirSync(apps)) {
      const file = join(apps, dir, 'package.json');
      if (!existsSync(file)) continue;
      const { name } = JSON.parse(readFileSync(file, 'utf8')) as { name?: string };
      if (name) names.add(name);
    }
  }
  appNames.set(root, names);
  return names;
}
