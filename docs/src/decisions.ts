// The decision records index, read from docs/decisions/NNN-*.md so nobody has to maintain a list by hand.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseFrontMatter, titleOf } from './front-matter.ts';
import { urlOf } from './repo.ts';

export interface DecisionSummary {
  number: string;
  title: string;
  status: string;
  owner: string;
  url: string;
}

/** Status from front matter `status`, else a `Status: x` line or the paragraph under a `## Status` heading. */
export function statusOf(text: string): string {
  const { data, body } = parseFrontMatter(text);
  if (typeof data.status === 'string') return data.status;
  const inline = /^\**Status\**:?\**\s*:?\s*(.+)$/im.exec(body);
  if (inline?.[1]?.trim()) return inline[1].replace(/\*/g, '').trim();
  const section = /^#+\s*Status\s*\n+([^\n]+)/im.exec(body);
  return section?.[1]?.trim() ?? 'unknown';
}

export function readDecisions(root: string): DecisionSummary[] {
  const dir = join(root, 'docs', 'decisions');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => /^\d+-.*\.md$/.test(name))
    .sort()
    .map((name) => {
      const text = readFileSync(join(dir, name), 'utf8');
      const owner = parseFrontMatter(text).data.owner;
      return {
        number: name.split('-')[0] ?? '',
        title: titleOf(text, name).replace(/^\d+[.:]?\s*/, ''),
        status: statusOf(text),
        owner: typeof owner === 'string' ? owner : '',
        url: urlOf(`docs/decisions/${name}`),
      };
    });
}
