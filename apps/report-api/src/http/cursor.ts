// Opaque keyset cursors: base64url of a small versioned JSON document. Decoding validates the shape with
// a zod schema, so a tampered or truncated cursor is a 400, never a database error.
import { z } from 'zod';
import { HttpProblem } from './problem.ts';

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function malformed(): HttpProblem {
  return new HttpProblem('bad-request', {
    detail: 'The cursor is malformed; pass nextCursor from a previous page unchanged',
    errors: [{ field: 'query.cursor', message: 'malformed cursor', code: 'invalid_cursor' }],
  });
}

export function decodeCursor<S extends z.ZodType>(cursor: string, schema: S): z.output<S> {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw malformed();
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw malformed();
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw malformed();
  return parsed.data;
}

/** A UTC timestamp with microseconds, as PostgreSQL stores it: 2026-01-31T09:30:00.123456Z. */
export const microsTimestamp = z.string().refine((s) => {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(s)) return false;
  const millis = `${s.slice(0, 23)}Z`;
  const date = new Date(millis);
  // PostgreSQL has no year 0; a round trip through Date rejects impossible days (2026-02-30).
  return !s.startsWith('0000') && !Number.isNaN(date.getTime()) && date.toISOString() === millis;
});
