// `npm run verify [-- --base <ref>] [--only a,b] [--pr-body-file <file>]`: every gate CI runs, as a table.
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
