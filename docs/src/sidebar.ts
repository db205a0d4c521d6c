// The sidebar is generated from the file system, so a page another engineer adds (a reference page, a
// decision record) appears without anyone editing the site config.
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { parseFrontMatter, titleOf } from './front-matter.ts';
import { GENERATED_PAGES, listPages, urlOf } from './repo.ts';
import { counterpartOf, PT_BR } from './translations.ts';

export interface SidebarItem {
  text: string;
  link?: string;
  items?: SidebarItem[];
  collapsed?: boolean;
}

interface Entry {
  page: string;
  title: string;
  order: number;
  /** Front matter `group: missions` puts a playbook under "The four missions". */
  group?: string;
}

function entry(root: string, page: string): Entry {
  let text = '';
  try {
    text = readFileSync(join(root, page), 'utf8');
  } catch {
    // A generated page (the scorecard) may not exist before its script runs; it still gets a link.
  }
  const { order, group } = parseFrontMatter(text).data;
  return {
    page,
    title: titleOf(text, posix.basename(page, '.md')),
    order: typeof order === 'number' ? order : 1000,
    ...(typeof group === 'string' ? { group } : {}),
  };
}

function byOrderThenTitle(a: Entry, b: Entry): number {
  return a.order - b.order || a.title.localeCompare(b.title);
}

function items(entries: Entry[], sort: (a: Entry, b: Entry) => number = byOrderThenTitle): SidebarItem[] {
  return [...entries].sort(sort).map((e) => ({ text: e.title, link: urlOf(e.page) }));
}

function group(text: string, children: SidebarItem[], collapsed?: boolean): SidebarItem[] {
  if (children.length === 0) return [];
  return [{ text, items: children, ...(collapsed === undefined ? {} : { collapsed }) }];
}

const inFolder = (folder: string) => (page: string) =>
  page.startsWith(folder) && !page.slice(folder.length).includes('/');

export function buildSidebar(root: string, locale: 'en' | 'pt-BR'): SidebarItem[] {
  const pages = [...new Set([...listPages(root), ...GENERATED_PAGES])];
  const all = pages.map((page) => entry(root, page));
  const pick = (test: (page: string) => boolean) => all.filter((e) => test(e.page));
  const isIndex = (page: string) => /(^|\/)(index|README)\.md$/.test(page);

  const playbooks = pick((p) => inFolder('playbooks/')(p) && !isIndex(p));
  const missions = playbooks.filter((e) => e.group === 'missions');
  const practices = playbooks.filter((e) => e.group !== 'missions');
  const katas = pick((p) => /^playbooks\/katas\/[^/]+\/README\.md$/.test(p));
  const reference = pick((p) => p.startsWith('docs/reference/'));
  const decisions = pick((p) => /^docs\/decisions\/\d+[^/]*\.md$/.test(p));
  const decisionPages = [
    ...pick((p) => p === 'docs/decisions/README.md'),
    ...decisions,
    ...pick((p) => p === 'docs/decisions/template.md'),
  ];
  const quality = pick((p) => p.startsWith('docs/quality/'));
  const byFile = (a: Entry, b: Entry) => a.page.localeCompare(b.page);
  const decisionGroup = (label: string) =>
    group(
      label,
      items(decisionPages, () => 0),
      true,
    );
  const referenceGroup = (label: string) => group(label, items(reference), false);

  if (locale === 'pt-BR') {
    const translated = new Set(pages.filter((p) => p.startsWith(PT_BR)));
    const untranslated = playbooks.filter((e) => !translated.has(counterpartOf(e.page)));
    return [
      ...group('Comece aqui', items(pick((p) => inFolder(PT_BR)(p) && !isIndex(p)))),
      ...group('Playbooks', items(pick((p) => inFolder(`${PT_BR}playbooks/`)(p) && !isIndex(p)))),
      ...group('Playbooks (em inglês)', items(untranslated), true),
      ...group('Katas (em inglês)', items(katas, byFile), true),
      ...referenceGroup('Referência (em inglês)'),
      ...decisionGroup('Decisões (em inglês)'),
      ...group('Qualidade', items(quality), true),
    ];
  }
  const knownDocs = ['docs/reference/', 'docs/decisions/', 'docs/quality/', PT_BR];
  const otherDocs = pick(
    (p) => p.startsWith('docs/') && p.split('/').length > 2 && !knownDocs.some((k) => p.startsWith(k)),
  );
  return [
    ...group('Start here', items(pick((p) => inFolder('docs/')(p) && !isIndex(p)))),
    ...group('Playbooks', [
      ...pick((p) => p === 'playbooks/README.md').map((e) => ({ text: 'Overview', link: urlOf(e.page) })),
      ...items(practices),
    ]),
    ...group('The four missions', items(missions)),
    ...group('Katas', items(katas, byFile)),
    ...referenceGroup('Reference'),
    ...decisionGroup('Decisions'),
    ...group('Quality', items(quality)),
    ...group('More', items(otherDocs), true),
  ];
}
