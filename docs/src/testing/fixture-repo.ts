// A throwaway repo on disk for the checks' tests: quality.config.ts marks the root, files are given as a map.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface FixtureRepo {
  root: string;
  write(path: string, content: string): void;
  remove(): void;
}

export const page = (owner: string | undefined, reviewed: string | undefined, body: string): string => {
  const lines = [owner ? `owner: ${owner}` : '', reviewed ? `last_reviewed: ${reviewed}` : ''].filter(
    Boolean,
  );
  return `---\n${lines.join('\n')}\n---\n\n${body}\n`;
};

export function fixtureRepo(files: Record<string, string>): FixtureRepo {
  const root = mkdtempSync(join(tmpdir(), 'docs-fixture-'));
  const write = (path: string, content: string): void => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  };
  write('quality.config.ts', 'export {};\n');
  write(
    'package.json',
    JSON.stringify({ name: 'root', scripts: { test: 'x', start: 'x', 'db:reset': 'x' } }),
  );
  for (const [path, content] of Object.entries(files)) write(path, content);
  return { root, write, remove: () => rmSync(root, { recursive: true, force: true }) };
}
