// `node scripts/gate.ts <name...> [--base <ref>]`: what each CI job runs (same gates as `npm run verify`).
import { runCli } from '@repo/quality-gates/cli';
import { quality } from '../quality.config.ts';

process.exitCode = runCli(process.argv.slice(2), {
  root: process.cwd(),
  env: process.env,
  config: quality,
  log: (line) => {
    console.log(line);
  },
});
