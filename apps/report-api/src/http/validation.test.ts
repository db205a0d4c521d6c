import { describe, expect, it } from 'vitest';
import type { Request } from 'express';
import { z } from 'zod';
import { HttpProblem } from './problem.ts';
import { parseBody, parseParams, parseQuery } from './validation.ts';

const schema = z.object({ name: z.string().min(2), tags: z.array(z.string()).max(1) });

function problemOf(run: () => unknown): HttpProblem {
  try {
    run();
  } catch (error) {
    if (error instanceof HttpProblem) return error;
    throw error;
  }
  throw new Error('expected a problem');
}

describe('parseBody / parseQuery / parseParams', () => {
  it('returns the parsed input when it is valid', () => {
    expect(parseBody(schema, { body: { name: 'ab', tags: [] } } as unknown as Request)).toEqual({
      name: 'ab',
      tags: [],
    });
  });

  it('answers a 422 validation problem with body field paths for an invalid body', () => {
    const p = problemOf(() =>
      parseBody(schema, { body: { name: 'a', tags: ['x', 'y'] } } as unknown as Request),
    );
    expect(p.body).toMatchObject({ status: 422, detail: 'The body is invalid' });
    expect(p.body.errors?.map((e) => e.field)).toEqual(['name', 'tags']);
  });

  it('answers a 422 for a missing body', () => {
    expect(problemOf(() => parseBody(schema, {} as unknown as Request)).status).toBe(422);
  });

  it('answers a 400 bad-request with prefixed field paths for query and params', () => {
    const q = problemOf(() => parseQuery(schema, { query: { name: 'a' } } as unknown as Request));
    expect(q.body).toMatchObject({ status: 400 });
    expect(q.body.errors?.map((e) => e.field)).toEqual(['query.name', 'query.tags']);
    const p = problemOf(() =>
      parseParams(z.object({ id: z.string().regex(/^\d+$/) }), { params: { id: 'x' } } as unknown as Request),
    );
    expect(p.body.errors?.[0]?.field).toBe('params.id');
  });
});
