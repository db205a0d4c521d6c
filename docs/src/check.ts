// All docs checks in one run: links and scripts, freshness, translations.
import { quality } from '../../quality.config.ts';
import { freshnessIssues, readFreshness } from './freshness.ts';
import type { Issue } from './issues.ts';
import { checkLinks } from './links.ts';
import { checkTranslations } from './translations.ts';

export interface RunOptions {
  strict: boolean;
  today: Date;
  reviewEveryDays: number;
}

export interface CheckResult {
  issues: Issue[];
  errors: number;
  warnings: number;
  /** Strict mode turns every warning into a failure. */
  failed: boolean;
}

export function runChecks(root: string, options: Partial<RunOptions> = {}): CheckResult {
  const strict = options.strict ?? false;
  const reviewEveryDays = options.reviewEveryDays ?? quality.docs.reviewEveryDays;
  const issues = [
    ...checkLinks(root, { strict }),
    ...freshnessIssues(readFreshness(root, options.today ?? new Date(), reviewEveryDays), reviewEveryDays),
    ...checkTranslations(root),
  ];
  const errors = issues.filter((i) => i.severity === 'error').length;
  const warnings = issues.length - errors;
  return { issues, errors, warnings, failed: errors > 0 || (strict && warnings > 0) };
}
