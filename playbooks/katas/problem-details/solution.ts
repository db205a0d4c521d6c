// Reference solution, run by the docs workspace's tests so the kata stays solvable. Try the kata before reading.
import { problem, type Problem } from '@repo/contract';
import { NotFoundError, RateLimitedError, ValidationError } from './problem-details.ts';

export { NotFoundError, RateLimitedError, ValidationError };

export function toProblem(error: unknown, requestId: string): Problem {
  if (error instanceof NotFoundError) {
    return problem('not-found', { detail: `${error.resource} ${error.id} was not found`, requestId });
  }
  if (error instanceof ValidationError) {
    return problem('validation', {
      detail: `${error.fields.length} field(s) are invalid`,
      errors: error.fields,
      requestId,
    });
  }
  if (error instanceof RateLimitedError) {
    return problem('rate-limited', { retryAfterSeconds: error.retryAfterSeconds, requestId });
  }
  if (error instanceof SyntaxError) {
    return problem('bad-request', { detail: 'The request body is not valid JSON', requestId });
  }
  return problem('internal', { detail: `Quote request id ${requestId} when you report this`, requestId });
}
