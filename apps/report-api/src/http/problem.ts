// Handlers throw HttpProblem; the error middleware (errors.ts) renders it as application/problem+json.
import { problem, type FieldError, type Problem, type ProblemSlug } from '@repo/contract';

export interface ProblemExtra {
  detail?: string;
  errors?: FieldError[];
  /** Also sent as the Retry-After header. */
  retryAfterSeconds?: number;
  headers?: Record<string, string>;
  cause?: unknown;
}

export class HttpProblem extends Error {
  readonly slug: ProblemSlug;
  readonly body: Problem;
  readonly headers: Record<string, string>;

  constructor(slug: ProblemSlug, extra: ProblemExtra = {}) {
    const { headers = {}, cause, ...fields } = extra;
    const body = problem(slug, fields);
    super(body.detail ?? body.title, cause === undefined ? undefined : { cause });
    this.name = 'HttpProblem';
    this.slug = slug;
    this.body = body;
    this.headers =
      fields.retryAfterSeconds === undefined
        ? headers
        : { 'Retry-After': String(fields.retryAfterSeconds), ...headers };
  }

  get status(): number {
    return this.body.status;
  }
}
