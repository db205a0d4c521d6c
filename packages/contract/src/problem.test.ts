import { describe, expect, it } from 'vitest';
import { problem, problemSchema, problemTypes, problemTypeUri, slugOf } from './problem.ts';

describe('problem details', () => {
  it('builds a valid RFC 9457 body for every known type with its status', () => {
    for (const [slug, known] of Object.entries(problemTypes)) {
      const body = problem(slug as keyof typeof problemTypes, { detail: 'x' });
      expect(problemSchema.parse(body)).toEqual({
        type: problemTypeUri(slug as keyof typeof problemTypes),
        title: known.title,
        status: known.status,
        detail: 'x',
      });
    }
  });

  it('recognises its own type URIs and nothing else', () => {
    expect(slugOf(problemTypeUri('rate-limited'))).toBe('rate-limited');
    expect(slugOf('https://example.com/problems/rate-limited')).toBeUndefined();
    expect(slugOf(problemTypeUri('rate-limited') + '-x')).toBeUndefined();
  });
});
