// One finding of a docs check. Errors fail the check; warnings are printed and fail only in strict mode.
export type Severity = 'error' | 'warning';

export interface Issue {
  check: 'links' | 'scripts' | 'freshness' | 'translations';
  severity: Severity;
  file: string;
  line?: number;
  message: string;
}

export function formatIssue(issue: Issue): string {
  const where = issue.line ? `${issue.file}:${issue.line}` : issue.file;
  return `${issue.severity === 'error' ? 'ERROR' : 'warn '} [${issue.check}] ${where}: ${issue.message}`;
}
