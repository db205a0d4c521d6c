// Pages link to each other and to source files with plain relative paths, so the same Markdown works on
// GitHub and in the site. This markdown-it rule maps those paths for the site: a link to another page becomes
// its site route (VitePress then checks it and fails the build when it is dead), and a link to any other repo
// file (e.g. ../apps/report-api/package.json) becomes a link to that file in the repository browser.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import { isInSite, routeOf } from './repo.ts';

interface Token {
  type: string;
  children: Token[] | null;
  attrGet(name: string): string | null;
  attrSet(name: string, value: string): void;
}

interface MarkdownItLike {
  core: { ruler: { push(name: string, rule: (state: { tokens: Token[]; env: unknown }) => void): void } };
}

export interface RepoLinkOptions {
  root: string;
  /** e.g. https://github.com/acme/clinic-reports; files open at `${repoUrl}/blob/${branch}/<path>`. */
  repoUrl: string;
  branch: string;
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

/** The href a relative link from `sourceFile` (absolute) should have in the site; other hrefs are unchanged. */
export function siteHref(href: string, sourceFile: string, options: RepoLinkOptions): string {
  if (
    /^[a-z][a-z0-9+.-]*:/i.test(href) ||
    href.startsWith('//') ||
    href.startsWith('#') ||
    href.startsWith('/')
  ) {
    return href;
  }
  const suffix = /[?#].*$/.exec(href)?.[0] ?? '';
  const path = decodeURI(href.slice(0, href.length - suffix.length));
  if (!path) return href;
  const abs = resolve(dirname(sourceFile), path);
  const rel = toPosix(relative(options.root, abs));
  if (rel.startsWith('..')) return href;
  const isDir = existsSync(abs) && statSync(abs).isDirectory();
  if (isInSite(rel)) {
    if (rel.endsWith('.md')) return `/${routeOf(rel)}${suffix}`;
    if (!posix.extname(rel) && !isDir && existsSync(`${abs}.md`)) return `/${routeOf(`${rel}.md`)}${suffix}`;
    for (const index of ['index.md', 'README.md']) {
      if (isDir && existsSync(join(abs, index)))
        return `/${routeOf(`${rel}/${index}`)}`.replace(/index\.md$/, '') + suffix;
    }
  }
  return `${options.repoUrl}/${isDir ? 'tree' : 'blob'}/${options.branch}/${rel}${suffix}`;
}

export function repoLinksPlugin(md: MarkdownItLike, options: RepoLinkOptions): void {
  md.core.ruler.push('repo-links', (state) => {
    const env = (state.env ?? {}) as { realPath?: string; path?: string };
    const source = env.realPath ?? env.path;
    if (!source) return;
    for (const block of state.tokens) {
      for (const token of block.children ?? []) {
        if (token.type !== 'link_open') continue;
        const href = token.attrGet('href');
        if (href) token.attrSet('href', siteHref(href, source, options));
      }
    }
  });
}
