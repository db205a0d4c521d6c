// Kata: cursor-pagination. Make `npm run kata -- cursor-pagination` pass. Read README.md first.

export interface Row {
  id: string;
  /** ISO 8601 timestamp. */
  createdAt: string;
}

export interface Page {
  data: Row[];
  /** Opaque; null on the last page. */
  nextCursor: string | null;
}

export class InvalidCursorError extends Error {}

/** Newest first (createdAt desc, then id desc), `limit` rows after `cursor`. */
export function paginate(_rows: Row[], _query: { limit: number; cursor?: string }): Page {
  throw new Error(
    'not implemented: paginate (hint: the cursor is the sort key of the last row you returned)',
  );
}
