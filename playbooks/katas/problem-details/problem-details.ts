// Kata: problem-details. Make `npm run kata -- problem-details` pass. Read README.md first.
import type { FieldError, Problem } from '@repo/contract';

export class NotFoundError extends Error {
  readonly resource: string;
  readonly id: string;
  constructor(resource: string, id: string) {
    super(`${resource} ${id} was not found`);
    this.resource = resource;
    this.id = id;
  }
}

export class ValidationError extends Error {
  readonly fields: FieldError[];
  constructor(fields: FieldError[]) {
    super('validation failed');
    this.fields = fields;
  }
}

export class RateLimitedError extends Error {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super('rate limited');
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Maps anything a route handler may throw to the one error shape of the API. */
export function toProblem(_error: unknown, _requestId: string): Problem {
  throw new Error('not implemented: toProblem (hint: problem() from @repo/contract builds the body)');
}
