import { describe, expect, it } from 'vitest';
import { parseFrontMatter, stripCode, titleOf } from './front-matter.ts';

describe('front matter', () => {
  it('parses the YAML block and reports how many lines it takes', () => {
    const parsed = parseFrontMatter('---\nowner: lead\nlast_reviewed: 2026-11-29\n---\n# Title\n');
    expect(parsed.data).toEqual({ owner: 'lead', last_reviewed: '2026-11-29' });
    expect(parsed.body).toBe('# Title\n');
    expect(parsed.offset).toBe(4);
  });

  it('returns no data for a page without front matter or with a scalar block', () => {
    expect(parseFrontMatter('# Only\n').data).toEqual({});
    expect(parseFrontMatter('---\njust text\n---\n').data).toEqual({});
  });

  it('takes the title from front matter, else the first heading outside code, else the fallback', () => {
    expect(titleOf('---\ntitle: Given\n---\n# Heading\n', 'f')).toBe('Given');
    expect(titleOf('```md\n# In code\n```\n# Real heading\n', 'f')).toBe('Real heading');
    expect(titleOf('no heading', 'fallback')).toBe('fallback');
  });

  it('blanks code blocks but keeps their line count', () => {
    expect(stripCode('a\n```\nb\n```\nc')).toBe('a\n\n\n\nc');
  });
});
