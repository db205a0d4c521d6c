// Where the site's pages live and how a source path becomes a route. The site is built from two folders of
// the repo (docs/ and playbooks/) so that relative links between pages and to source files stay valid on GitHub.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';

/** Repo folders whose Markdown files are site pages. */
export const SITE_DIRS = ['docs', 'playbooks'] as const;

/** Pages a script writes before the build (git-ignored): links to them are valid even before they exist. */
export const GENERATED_PAGES = ['docs/quality/scorecard.md'];

const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'cache', 'coverage', '.reports', '.turbo']);

/** The repo root: the nearest folder above `start` that holds quality.config.ts. */
export function findRepoRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'quality.config.ts'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`quality.config.ts not found above ${start}`);
    dir = parent;
  }
  return dir;
}

function walk(root: string, rel: string, out: string[]): void {
  const abs = join(root, rel);
  if (!existsSync(abs)) return;
  for (const name of readdirSync(abs).sort()) {
    if (name.startsWith('.') || SKIPPED_DIRS.has(name)) continue;
    const childRel = posix.join(rel, name);
    if (statSync(join(root, childRel)).isDirectory()) walk(root, childRel, out);
    else if (name.endsWith('.md')) out.push(childRel);
  }
}

/** Every page of the site as a repo-relative POSIX path, e.g. `playbooks/code-review.md`. */
export function listPages(root: string): string[] {
  const out: string[] = [];
  for (const dir of SITE_DIRS) walk(root, dir, out);
  return out;
}

/** The site route of a page: `docs/` is the site root and a README is its folder's index. */
export function routeOf(page: string): string {
  const withoutDocs = page.startsWith('docs/') ? page.slice('docs/'.length) : page;
  return withoutDocs.replace(/(^|\/)README\.md$/, '$1index.md');
}

/** The URL path of a page, as the sidebar and links use it: `/playbooks/tdd`, `/decisions/`. */
export function urlOf(page: string): string {
  return (
    '/' +
    routeOf(page)
      .replace(/(^|\/)index\.md$/, '$1')
      .replace(/\.md$/, '')
  );
}

/** Is a repo-relative path inside one of the site folders? */
export function isInSite(rel: string): boolean {
  return SITE_DIRS.some((dir) => rel === dir || rel.startsWith(`${dir}/`));
}

/**
 * Globs for VitePress `srcExclude`: the site's srcDir is the repo root, so everything at the top level that is
 * not a site folder is excluded from page discovery.
 */
export function srcExcludes(root: string): string[] {
  const site = new Set<string>(SITE_DIRS);
  const patterns = ['docs/.vitepress/**', '**/node_modules/**'];
  for (const name of readdirSync(root).sort()) {
    if (site.has(name) || name.startsWith('.')) continue;
    patterns.push(statSync(join(root, name)).isDirectory() ? `${name}/**` : name);
  }
  return patterns;
}
