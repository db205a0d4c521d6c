// Front matter of a Markdown page: the YAML block between the first two `---` lines.
import { parse } from 'yaml';

export interface Page {
  data: Record<string, unknown>;
  body: string;
  /** Lines taken by the front matter block, so body line numbers can be reported as file line numbers. */
  offset: number;
}

const BLOCK = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

export function parseFrontMatter(text: string): Page {
  const match = BLOCK.exec(text);
  if (!match) return { data: {}, body: text, offset: 0 };
  const parsed: unknown = parse(match[1] ?? '');
  const data = parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  return { data, body: text.slice(match[0].length), offset: match[0].split('\n').length - 1 };
}

/** The page title: front matter `title`, else the first `# ` heading, else the file name. */
export function titleOf(text: string, fallback: string): string {
  const { data, body } = parseFrontMatter(text);
  if (typeof data.title === 'string' && data.title.trim()) return data.title.trim();
  const heading = /^#\s+(.+)$/m.exec(stripCode(body));
  return heading?.[1]?.trim() ?? fallback;
}

/** Replaces fenced code blocks with blank lines (keeping line numbers) so links in examples are not read. */
export function stripCode(body: string): string {
  return body.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, (block) => block.replace(/[^\n]/g, ''));
}
