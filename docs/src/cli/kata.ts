// `npm run kata -- <name> [--watch]`: runs one kata's spec with Vitest. Red is the expected start.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { parseKataArgs } from '../katas.ts';
import { findRepoRoot } from '../repo.ts';

const root = findRepoRoot(import.meta.dirname);
const command = parseKataArgs(root, process.argv.slice(2));
if (command.kind === 'usage') {
  console.error(command.message);
  process.exit(2);
}
const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
console.log(
  `Kata ${command.kata.name}: make the failing scenarios pass. Brief: ${relative(root, command.kata.dir)}/README.md\n`,
);
const config = join(import.meta.dirname, '..', '..', 'vitest.kata.config.ts');
const result = spawnSync(process.execPath, [vitest, ...command.vitestArgs, '--config', config], {
  stdio: 'inherit',
  env: { ...process.env, KATA: command.kata.name },
});
process.exit(result.status ?? 1);
