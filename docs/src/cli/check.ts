// `npm run check -w @repo/docs [-- --strict]`: links, npm scripts, owners and review dates, pt-BR pages.
import { runChecks } from '../check.ts';
import { formatIssue } from '../issues.ts';
import { findRepoRoot } from '../repo.ts';

const strict = process.argv.includes('--strict') || process.env.DOCS_STRICT === 'true';
const result = runChecks(findRepoRoot(import.meta.dirname), { strict });
for (const issue of result.issues) console.log(formatIssue(issue));
console.log(
  `docs check${strict ? ' (strict)' : ''}: ${result.errors} error(s), ${result.warnings} warning(s)` +
    (result.failed ? ' - FAILED' : ' - ok'),
);
process.exitCode = result.failed ? 1 : 0;
