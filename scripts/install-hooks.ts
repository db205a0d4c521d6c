// npm "prepare": install the git hooks (husky) unless there is no .git or we run in CI.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

if (process.env.CI === 'true' || !existsSync('.git')) {
  console.log('hooks: skipped (CI or no .git)');
} else {
  execFileSync('npx', ['husky'], { stdio: 'inherit' });
}
