// The spec of the problem-details kata. The kata's test runs it against your code (problem-details.ts); the
// docs workspace runs it against the reference solution in CI so the kata itself never rots.
import { problemSchema, problemTypeUri } from '@repo/contract';
import { describe, expect, it } from 'vitest';
import type * as Kata from './problem-details.ts';

type Impl = Pick<typeof Kata, 'toProblem' | 'NotFoundError' | 'ValidationError' | 'RateLimitedError'>;

export function describeKata(impl: Impl): void {
  const requestId = 'req-123';

  describe('kata problem-details: toProblem maps any thrown value to an RFC 9457 problem', () => {
    it('answers 404 not-found naming the missing resource when a NotFoundError is thrown', () => {
      const problem = impl.toProblem(new impl.NotFoundError('report run', 'rr_42'), requestId);
      expect(problem).toMatchObject({ type: problemTypeUri('not-found'), status: 404, requestId });
      expect(problem.detail).toContain('rr_42');
    });

    it('answers 422 validation with one field error per invalid field', () => {
      const error = new impl.ValidationError([
        { field: 'parameters.from', message: 'must be a date', code: 'invalid_format' },
        { field: 'format', message: 'must be csv or xlsx', code: 'invalid_value' },
      ]);
      const problem = impl.toProblem(error, requestId);
      expect(problem.status).toBe(422);
      expect(problem.type).toBe(problemTypeUri('validation'));
      expect(problem.errors?.map((e) => e.field)).toEqual(['parameters.from', 'format']);
    });

    it('answers 429 rate-limited with retryAfterSeconds when the company exceeds its rate', () => {
      const problem = impl.toProblem(new impl.RateLimitedError(30), requestId);
      expect(problem).toMatchObject({
        status: 429,
        type: problemTypeUri('rate-limited'),
        retryAfterSeconds: 30,
      });
    });

    it('answers 400 bad-request, never 500, when the body is malformed JSON', () => {
      let thrown: unknown;
      try {
        JSON.parse('{"type": ');
      } catch (error) {
        thrown = error;
      }
      const problem = impl.toProblem(thrown, requestId);
      expect(problem).toMatchObject({ status: 400, type: problemTypeUri('bad-request') });
    });

    it('answers 500 internal with the request id and without leaking the message or stack of an unexpected error', () => {
      const problem = impl.toProblem(new Error('password=hunter2 at db.ts:12'), requestId);
      expect(problem).toMatchObject({ status: 500, type: problemTypeUri('internal'), requestId });
      expect(JSON.stringify(problem)).not.toContain('hunter2');
      expect(JSON.stringify(problem)).not.toContain('db.ts');
    });

    it('answers 500 internal when something that is not an Error is thrown', () => {
      expect(impl.toProblem('a string', requestId).status).toBe(500);
      expect(impl.toProblem(undefined, requestId).status).toBe(500);
    });

    it('always returns a body that matches the contract problem schema', () => {
      const thrown = [
        new impl.NotFoundError('patient', 'p1'),
        new impl.RateLimitedError(1),
        new Error('x'),
        42,
      ];
      for (const value of thrown)
        expect(problemSchema.safeParse(impl.toProblem(value, requestId)).success).toBe(true);
    });
  });
}
