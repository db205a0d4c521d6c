// Brazilian Portuguese counterparts. The clinics, Product and CS read Portuguese: the mission answers and the
// way in (home, getting started) must exist in both languages. Other pages may be translated when useful.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFrontMatter } from './front-matter.ts';
import type { Issue } from './issues.ts';
import { listPages } from './repo.ts';

export const PT_BR = 'docs/pt-BR/';

/** English pages that must have a pt-BR counterpart. */
export const REQUIRED_TRANSLATIONS = [
  'docs/index.md',
  'docs/getting-started.md',
  'playbooks/incident-review-report-generation.md',
  'playbooks/capacity-and-scaling.md',
  'playbooks/insights.md',
  'playbooks/team-development.md',
];

/** `docs/x.md` <-> `docs/pt-BR/x.md`, `playbooks/x.md` <-> `docs/pt-BR/playbooks/x.md`. */
export function counterpartOf(page: string): string {
  if (page.startsWith('playbooks/')) return `${PT_BR}${page}`;
  return page.replace(/^docs\//, PT_BR);
}

export function originalOf(ptPage: string): string {
  const rest = ptPage.slice(PT_BR.length);
  return rest.startsWith('playbooks/') ? rest : `docs/${rest}`;
}

function reviewedOn(root: string, page: string): string {
  const value = parseFrontMatter(readFileSync(join(root, page), 'utf8')).data.last_reviewed;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return typeof value === 'string' ? value : '';
}

export function checkTranslations(root: string, required: string[] = REQUIRED_TRANSLATIONS): Issue[] {
  const issues: Issue[] = [];
  for (const page of required) {
    const pt = counterpartOf(page);
    if (!existsSync(join(root, page))) {
      issues.push({
        check: 'translations',
        severity: 'error',
        file: page,
        message: 'required page is missing',
      });
    } else if (!existsSync(join(root, pt))) {
      issues.push({
        check: 'translations',
        severity: 'error',
        file: page,
        message: `pt-BR counterpart ${pt} is missing`,
      });
    }
  }
  for (const pt of listPages(root).filter((page) => page.startsWith(PT_BR))) {
    const original = originalOf(pt);
    if (!existsSync(join(root, original))) {
      issues.push({
        check: 'translations',
        severity: 'warning',
        file: pt,
        message: `no English original ${original}`,
      });
    } else if (reviewedOn(root, pt) < reviewedOn(root, original)) {
      issues.push({
        check: 'translations',
        severity: 'warning',
        file: pt,
        message: `translation reviewed before its original ${original} (may be out of date)`,
      });
    }
  }
  return issues;
}
