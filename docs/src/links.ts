// Checks that every relative link in a page points at a file that exists in the repo, and that every
// `npm run <script>` a page tells the reader to type exists in the package.json it will run in.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { parseFrontMatter, stripCode } from './front-matter.ts';
import type { Issue, Severity } from './issues.ts';
import { GENERATED_PAGES, listPages, urlOf } from './repo.ts';

export interface Link {
  target: string;
  line: number;
}

const INLINE_LINK = /!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
const REFERENCE_LINK = /^[ \t]*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/gm;

function lineAt(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/** Links written in Markdown prose (not in code blocks or inline code), with their 1-based line. */
export function extractLinks(markdown: string): Link[] {
  const { body, offset } = parseFrontMatter(markdown);
  const prose = stripCode(body).replace(/`[^`\n]*`/g, (code) => ' '.repeat(code.length));
  const links: Link[] = [];
  for (const re of [INLINE_LINK, REFERENCE_LINK]) {
    for (const match of prose.matchAll(re)) {
      links.push({ target: match[1] ?? '', line: lineAt(prose, match.index) + offset });
    }
  }
  return links.sort((a, b) => a.line - b.line);
}

export interface ScriptMention {
  script: string;
  /** Workspace named with -w/--workspace, or undefined for the root package.json. */
  workspace?: string;
  line: number;
}

const NPM_COMMAND = /\bnpm\s+(run(?:-script)?\s+([a-z][\w:.-]*)|test|start)\b([^\n`&;|]*)/g;
const WORKSPACE_FLAG = /(?:^|\s)(?:-w|--workspace)(?:=|\s+)(\S+)/;

/** Every `npm run x` (and `npm test`, `npm start`) in a page, code blocks included: that is where commands live. */
export function extractScripts(markdown: string): ScriptMention[] {
  const mentions: ScriptMention[] = [];
  for (const match of markdown.matchAll(NPM_COMMAND)) {
    const script = match[2] ?? (match[1] === 'test' ? 'test' : 'start');
    const workspace = WORKSPACE_FLAG.exec(match[3] ?? '')?.[1];
    mentions.push({ script, line: lineAt(markdown, match.index), ...(workspace ? { workspace } : {}) });
  }
  return mentions;
}

export interface ScriptIndex {
  root: Set<string>;
  /** Workspace package name (and folder path, e.g. `apps/web`) to its scripts. */
  workspaces: Map<string, Set<string>>;
}

function scriptsOf(packageJson: string): Set<string> {
  const parsed = JSON.parse(readFileSync(packageJson, 'utf8')) as { scripts?: Record<string, string> };
  return new Set(Object.keys(parsed.scripts ?? {}));
}

/** Reads the root package.json and every workspace's (apps/*, packages/*, docs). */
export function readScriptIndex(root: string): ScriptIndex {
  const workspaces = new Map<string, Set<string>>();
  const folders = ['docs'];
  for (const group of ['apps', 'packages']) {
    const dir = join(root, group);
    if (existsSync(dir)) for (const name of readdirSync(dir)) folders.push(`${group}/${name}`);
  }
  for (const folder of folders) {
    const file = join(root, folder, 'package.json');
    if (!existsSync(file)) continue;
    const name = (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name;
    const scripts = scriptsOf(file);
    workspaces.set(folder, scripts);
    if (name) workspaces.set(name, scripts);
  }
  return { root: scriptsOf(join(root, 'package.json')), workspaces };
}

function isExternal(target: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//');
}

/** Does a repo-relative target exist, the way VitePress and GitHub resolve it (`x` may mean `x.md`)? */
function targetExists(root: string, rel: string): boolean {
  if (GENERATED_PAGES.includes(rel)) return true;
  const abs = join(root, rel);
  if (existsSync(abs)) return true;
  if (rel.endsWith('.html')) return existsSync(join(root, rel.replace(/\.html$/, '.md')));
  return !posix.extname(rel) && existsSync(`${abs}.md`);
}

export interface CheckOptions {
  /** Fail (instead of warn) on `npm run` scripts that no package.json defines yet. */
  strict: boolean;
}

/** Link and script issues of one page. `page` is repo-relative, e.g. `playbooks/tdd.md`. */
export function checkPage(
  root: string,
  page: string,
  text: string,
  scripts: ScriptIndex,
  urls: Set<string>,
  options: CheckOptions,
): Issue[] {
  const issues: Issue[] = [];
  for (const { target, line } of extractLinks(text)) {
    if (isExternal(target) || target.startsWith('#')) continue;
    const path = decodeURI(target.replace(/[?#].*$/, ''));
    if (path.startsWith('/')) {
      const url = path.replace(/\.(md|html)$/, '').replace(/\/index$/, '/');
      if (!urls.has(url)) {
        issues.push({ check: 'links', severity: 'error', file: page, line, message: `no page at ${target}` });
      }
      continue;
    }
    const rel = posix.normalize(posix.join(posix.dirname(page), path));
    if (rel.startsWith('..')) {
      issues.push({
        check: 'links',
        severity: 'error',
        file: page,
        line,
        message: `${target} leaves the repo`,
      });
    } else if (!targetExists(root, rel)) {
      issues.push({
        check: 'links',
        severity: 'error',
        file: page,
        line,
        message: `${target} -> ${rel} does not exist`,
      });
    }
  }
  const severity: Severity = options.strict ? 'error' : 'warning';
  for (const { script, workspace, line } of extractScripts(text)) {
    const known = workspace ? scripts.workspaces.get(workspace) : scripts.root;
    const where = workspace ?? 'the root package.json';
    if (!known) {
      issues.push({ check: 'scripts', severity, file: page, line, message: `no workspace ${where}` });
    } else if (!known.has(script)) {
      issues.push({
        check: 'scripts',
        severity,
        file: page,
        line,
        message: `npm run ${script}: not in ${where}`,
      });
    }
  }
  return issues;
}

/** URL paths of every page of the site (generated pages included), for absolute links like `/playbooks/tdd`. */
export function siteUrls(root: string): Set<string> {
  return new Set([...listPages(root), ...GENERATED_PAGES].map(urlOf));
}

export function checkLinks(root: string, options: CheckOptions): Issue[] {
  const scripts = readScriptIndex(root);
  const urls = siteUrls(root);
  return listPages(root).flatMap((page) => {
    const abs = join(root, page);
    return statSync(abs).isFile()
      ? checkPage(root, page, readFileSync(abs, 'utf8'), scripts, urls, options)
      : [];
  });
}
