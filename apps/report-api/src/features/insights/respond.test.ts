import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { toCsv } from './respond.ts';

describe('toCsv', () => {
  it('writes RFC 4180 that a CSV parser reads back, quoting commas, quotes and line breaks', () => {
    const rows = [
      {
        name: 'Clínica "Sol", Centro',
        note: 'line 1\nline 2',
        n: 3,
        ok: true,
        tags: ['a', 'b'],
        empty: null,
      },
    ];
    const text = toCsv(rows, ['name', 'note', 'n', 'ok', 'tags', 'empty']);
    expect(parse<Record<string, string>>(text, { columns: true })).toEqual([
      { name: 'Clínica "Sol", Centro', note: 'line 1\nline 2', n: '3', ok: 'true', tags: 'a;b', empty: '' },
    ]);
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('neutralises text a spreadsheet would run as a formula, but not negative numbers', () => {
    const text = toCsv(
      [{ name: '=HYPERLINK("x")', trend: -27, other: '@SUM(A1)' }],
      ['name', 'trend', 'other'],
    );
    expect(parse<Record<string, string>>(text, { columns: true })).toEqual([
      { name: `'=HYPERLINK("x")`, trend: '-27', other: "'@SUM(A1)" },
    ]);
  });

  it('writes only the header when there are no rows', () => {
    expect(toCsv([], ['a', 'b'])).toBe('a,b\r\n');
  });
});
