// npm "prepare": install the git hooks (husky) unless there is no .git, CI=true or HUSKY=0.
import { execFileSync } from 'node:child_process';
import { hookSkipReason } from '@repo/quality-gates/hooks';

const reason = hookSkipReason(process.cwd(), process.env);
if (reason) {
  console.log(`hooks: skipped (${reason})`);
} else {
  execFileSync('npx', ['--no', 'husky'], { stdio: 'inherit' });
}
