import { describe, expect, it } from 'vitest';
import { canonicalJson, requestHash } from './report-run-service.ts';

describe('request hashing for idempotency keys', () => {
  it('ignores key order and undefined fields', () => {
    expect(canonicalJson({ b: 1, a: [{ y: 2, x: undefined, w: 'z' }] })).toBe(
      '{"a":[{"w":"z","y":2}],"b":1}',
    );
    expect(requestHash({ type: 'a', format: 'csv' })).toBe(requestHash({ format: 'csv', type: 'a' }));
  });

  it('tells different bodies apart', () => {
    expect(requestHash({ format: 'csv' })).not.toBe(requestHash({ format: 'xlsx' }));
  });
});
