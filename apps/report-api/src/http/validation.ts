// parseQuery/parseParams/parseBody: the one way a handler reads input. A query or path mistake is a
// 400 bad-request, a body mistake a 422 validation problem; both list field errors.
import type { Request } from 'express';
import type { FieldError } from '@repo/contract';
import type { z } from 'zod';
import { HttpProblem } from './problem.ts';

export function fieldErrors(error: z.ZodError, prefix?: string): FieldError[] {
  return error.issues.slice(0, 50).map((issue) => ({
    field: [...(prefix ? [prefix] : []), ...issue.path.map(String)].join('.'),
    message: issue.message,
    code: issue.code,
  }));
}

function parse<S extends z.ZodType>(
  schema: S,
  input: unknown,
  slug: 'bad-request' | 'validation',
  where: string,
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new HttpProblem(slug, {
    detail: `The ${where} is invalid`,
    errors: fieldErrors(result.error, where === 'body' ? undefined : where),
  });
}

export function parseQuery<S extends z.ZodType>(schema: S, req: Request): z.output<S> {
  return parse(schema, req.query, 'bad-request', 'query');
}

export function parseParams<S extends z.ZodType>(schema: S, req: Request): z.output<S> {
  return parse(schema, req.params, 'bad-request', 'params');
}

/** The body is JSON already (content-type enforced and parsed by jsonBody in request-body.ts). */
export function parseBody<S extends z.ZodType>(schema: S, req: Request): z.output<S> {
  return parse(schema, req.body, 'validation', 'body');
}
