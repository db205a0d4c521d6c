import { describe, expect, it } from 'vitest';
import { hashToken } from './tokens.ts';

describe('hashToken', () => {
  it('is the hex SHA-256 of the UTF-8 token, the form PostgreSQL computes for seeded tokens', () => {
    // FIPS 180-2 test vector, and a non-ASCII token hashed as UTF-8 (sha256(convert_to(t, 'UTF8'))).
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hashToken('clínica')).toBe('19ae4f8b162904c90fe68962f0e4307db00147f4fa31e8eeeffd874931e852d6');
  });
});
