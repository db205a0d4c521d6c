// The spec of the cursor-pagination kata (see README.md). Run against your code by cursor-pagination.test.ts.
import { describe, expect, it } from 'vitest';
import type * as Kata from './cursor-pagination.ts';

type Impl = Pick<typeof Kata, 'paginate' | 'InvalidCursorError'>;
type Row = Kata.Row;

function rows(count: number, sameInstantEvery = 1): Row[] {
  // Several rows share a created_at when sameInstantEvery > 1: ties must still page correctly.
  return Array.from({ length: count }, (_, i) => ({
    id: `run_${String(i).padStart(3, '0')}`,
    createdAt: new Date(Date.UTC(2026, 10, 1, 0, Math.floor(i / sameInstantEvery))).toISOString(),
  }));
}

function walk(impl: Impl, data: Row[], limit: number): Row[] {
  const seen: Row[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 100; page++) {
    const result = impl.paginate(data, { limit, ...(cursor ? { cursor } : {}) });
    seen.push(...result.data);
    if (result.nextCursor === null) return seen;
    cursor = result.nextCursor;
  }
  throw new Error('pagination never ended');
}

export function describeKata(impl: Impl): void {
  describe('kata cursor-pagination: newest first, stable under ties and inserts', () => {
    it('returns the `limit` newest rows and a cursor for the next page', () => {
      const page = impl.paginate(rows(5), { limit: 2 });
      expect(page.data.map((r) => r.id)).toEqual(['run_004', 'run_003']);
      expect(typeof page.nextCursor).toBe('string');
    });

    it('returns nextCursor null on the last page', () => {
      expect(impl.paginate(rows(2), { limit: 2 }).nextCursor).toBeNull();
      expect(impl.paginate([], { limit: 2 })).toEqual({ data: [], nextCursor: null });
    });

    it('visits every row exactly once when many rows share the same created_at', () => {
      const data = rows(23, 4);
      const seen = walk(impl, data, 5).map((r) => r.id);
      expect(seen).toHaveLength(23);
      expect(new Set(seen).size).toBe(23);
    });

    it('does not shift the next page when a newer row is inserted between two requests', () => {
      const data = rows(6);
      const first = impl.paginate(data, { limit: 3 });
      const withNewRow = [...data, { id: 'run_999', createdAt: '2026-12-01T00:00:00.000Z' }];
      const second = impl.paginate(withNewRow, { limit: 3, cursor: first.nextCursor ?? '' });
      expect(second.data.map((r) => r.id)).toEqual(['run_002', 'run_001', 'run_000']);
    });

    it('does not expose the row id or timestamp in a readable cursor', () => {
      const cursor = impl.paginate(rows(5), { limit: 2 }).nextCursor ?? '';
      expect(cursor).not.toContain('run_003');
      expect(cursor).not.toContain('2026-11');
    });

    it('throws InvalidCursorError (the API answers 400) for a cursor it did not issue', () => {
      expect(() => impl.paginate(rows(3), { limit: 2, cursor: 'not-a-cursor' })).toThrow(
        impl.InvalidCursorError,
      );
      expect(() =>
        impl.paginate(rows(3), { limit: 2, cursor: Buffer.from('{"x":1}').toString('base64url') }),
      ).toThrow(impl.InvalidCursorError);
    });
  });
}
