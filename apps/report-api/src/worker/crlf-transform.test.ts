import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CrlfTransform } from './crlf-transform.ts';

async function convert(chunks: string[]): Promise<string> {
  const out: Buffer[] = [];
  for await (const chunk of Readable.from(chunks.map((c) => Buffer.from(c))).pipe(new CrlfTransform())) {
    out.push(chunk as Buffer);
  }
  return Buffer.concat(out).toString('utf8');
}

describe('CrlfTransform', () => {
  it('ends every record with CRLF', async () => {
    expect(await convert(['a,b\n1,2\n'])).toBe('a,b\r\n1,2\r\n');
  });

  it('keeps line breaks inside quoted fields, even when a quoted field spans chunks', async () => {
    expect(await convert(['id,name\n1,"Multi\n', 'Line"\n2,"say ""hi"""\n'])).toBe(
      'id,name\r\n1,"Multi\nLine"\r\n2,"say ""hi"""\r\n',
    );
  });

  it('passes chunks without line breaks through unchanged', async () => {
    expect(await convert(['abc', 'def\n'])).toBe('abcdef\r\n');
  });
});
