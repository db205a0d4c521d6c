// Reference solution, run by the docs workspace's tests so the kata stays solvable. Try the kata before reading.
import { InvalidCursorError, type Page, type Row } from './cursor-pagination.ts';

export { InvalidCursorError };

type Key = [createdAt: string, id: string];

function encode(row: Row): string {
  return Buffer.from(JSON.stringify([row.createdAt, row.id])).toString('base64url');
}

function decode(cursor: string): Key {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === 2 && key.every((part) => typeof part === 'string'))
      return key as Key;
  } catch {
    // fall through: anything we cannot read is a cursor we did not issue
  }
  throw new InvalidCursorError('invalid cursor');
}

/** Descending order on (createdAt, id): the same tuple comparison as `WHERE (created_at, id) < ($1, $2)`. */
function before(row: Row, [createdAt, id]: Key): boolean {
  return row.createdAt < createdAt || (row.createdAt === createdAt && row.id < id);
}

export function paginate(rows: Row[], query: { limit: number; cursor?: string }): Page {
  const after = query.cursor === undefined ? undefined : decode(query.cursor);
  const sorted = [...rows].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
  const remaining = after ? sorted.filter((row) => before(row, after)) : sorted;
  const data = remaining.slice(0, query.limit);
  const last = data.at(-1);
  return { data, nextCursor: remaining.length > query.limit && last ? encode(last) : null };
}
