// Handlers throw HttpProblem; the error middleware (errors.ts) renders it as application/problem+json.
import { problem, type FieldError, type Problem, type ProblemSlug } from '@repo/contract';

export class HttpProblem extends Error {
  readonly slug: ProblemSlug;
  readonly body: Problem;
  readonly headers: Record<string, string>;

  constructor(
    slug: ProblemSlug,
    extra: {
      detail?: string;
      errors?: FieldError[];
      retryAfterSeconds?: number;
      headers?: Record<string, string>;
    } = {},
  ) {
    const { headers = {}, ...fields } = extra;
    const body = problem(slug, fields);
    super(body.detail ?? body.title);
    this.name = 'HttpProblem';
    this.slug = slug;
    this.body = body;
    this.headers = headers;
  }
}
