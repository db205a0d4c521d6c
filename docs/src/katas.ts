// Katas: small failing specs under playbooks/katas/<name>/, run one at a time by `npm run kata -- <name>`.
// They are outside every workspace's test globs, so `npm test` and CI never run their failing specs.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseFrontMatter, titleOf } from './front-matter.ts';

export interface Kata {
  name: string;
  title: string;
  dir: string;
}

export function katasDir(root: string): string {
  return join(root, 'playbooks', 'katas');
}

/** A kata is a folder with a README.md, a spec.ts and a `<name>.test.ts`. */
export function listKatas(root: string): Kata[] {
  const base = katasDir(root);
  if (!existsSync(base)) return [];
  return readdirSync(base)
    .sort()
    .filter((name) =>
      ['README.md', 'spec.ts', `${name}.test.ts`].every((file) => existsSync(join(base, name, file))),
    )
    .map((name) => {
      const readme = readFileSync(join(base, name, 'README.md'), 'utf8');
      const { summary } = parseFrontMatter(readme).data;
      const title = titleOf(readme, name).replace(/^Kata:\s*/, '');
      return { name, dir: join(base, name), title: typeof summary === 'string' ? summary : title };
    });
}

export type KataCommand =
  { kind: 'run'; kata: Kata; vitestArgs: string[] } | { kind: 'usage'; message: string };

/** `npm run kata -- <name> [--watch] [vitest flags]`: what to run, or the usage text with the kata list. */
export function parseKataArgs(root: string, args: string[]): KataCommand {
  const katas = listKatas(root);
  const [name, ...rest] = args;
  const kata = katas.find((k) => k.name === name);
  if (!kata) {
    const list = katas.map((k) => `  ${k.name.padEnd(20)} ${k.title}`).join('\n');
    const lead = name ? `Unknown kata "${name}".` : 'Which kata?';
    return { kind: 'usage', message: `${lead} Usage: npm run kata -- <name> [--watch]\n\nKatas:\n${list}` };
  }
  const watch = rest.includes('--watch');
  return { kind: 'run', kata, vitestArgs: [watch ? 'watch' : 'run', ...rest.filter((a) => a !== '--watch')] };
}
