// Docs freshness: every page names an owner and the date someone last checked it against the code.
// A page without an owner is an error (nobody will ever fix it); a page past its review date is a warning.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFrontMatter } from './front-matter.ts';
import type { Issue } from './issues.ts';
import { listPages } from './repo.ts';

export interface Freshness {
  page: string;
  owner?: string;
  lastReviewed?: string;
  /** Days since last_reviewed, from `today`. */
  ageDays?: number;
  overdue: boolean;
}

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function asDateString(value: unknown): string | undefined {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'string' && ISO_DATE.test(value.trim())) return value.trim();
  return undefined;
}

export function freshnessOf(page: string, text: string, today: Date, reviewEveryDays: number): Freshness {
  const { data } = parseFrontMatter(text);
  const owner = typeof data.owner === 'string' && data.owner.trim() ? data.owner.trim() : undefined;
  const lastReviewed = asDateString(data.last_reviewed);
  const reviewed = lastReviewed ? Date.parse(`${lastReviewed}T00:00:00Z`) : Number.NaN;
  const ageDays = Number.isNaN(reviewed) ? undefined : Math.floor((today.getTime() - reviewed) / DAY_MS);
  return {
    page,
    ...(owner ? { owner } : {}),
    ...(lastReviewed && ageDays !== undefined ? { lastReviewed, ageDays } : {}),
    overdue: ageDays !== undefined && ageDays > reviewEveryDays,
  };
}

export function freshnessIssues(rows: Freshness[], reviewEveryDays: number): Issue[] {
  const issues: Issue[] = [];
  for (const row of rows) {
    if (!row.owner) {
      issues.push({
        check: 'freshness',
        severity: 'error',
        file: row.page,
        message: 'no `owner` in front matter',
      });
    }
    if (row.ageDays === undefined) {
      issues.push({
        check: 'freshness',
        severity: 'error',
        file: row.page,
        message: '`last_reviewed` missing or not a YYYY-MM-DD date',
      });
    } else if (row.ageDays < 0) {
      issues.push({
        check: 'freshness',
        severity: 'warning',
        file: row.page,
        message: `last_reviewed ${row.lastReviewed ?? ''} is in the future`,
      });
    } else if (row.overdue) {
      issues.push({
        check: 'freshness',
        severity: 'warning',
        file: row.page,
        message: `last reviewed ${row.ageDays} days ago (review every ${reviewEveryDays} days; owner ${row.owner ?? 'none'})`,
      });
    }
  }
  return issues;
}

export function readFreshness(root: string, today: Date, reviewEveryDays: number): Freshness[] {
  return listPages(root).map((page) =>
    freshnessOf(page, readFileSync(join(root, page), 'utf8'), today, reviewEveryDays),
  );
}
