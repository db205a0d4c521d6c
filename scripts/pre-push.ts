// .husky/pre-push: typecheck and test only the workspaces affected since the upstream (or origin/main);
// with neither, everything (turbo's cache keeps that cheap).
import { spawnSync } from 'node:child_process';
import { prePushTurboArgs } from '@repo/quality-gates/hooks';

const args = prePushTurboArgs(process.cwd());
console.log(`pre-push: turbo ${args.join(' ')}`);
const result = spawnSync('node_modules/.bin/turbo', args, { stdio: 'inherit' });
process.exitCode = result.status ?? 1;
