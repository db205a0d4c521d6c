// Kata: idempotency-key. Make `npm run kata -- idempotency-key` pass. Read README.md first.

export interface StoredResponse {
  status: number;
  body: unknown;
}

export type BeginResult =
  | { kind: 'proceed' }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'in-progress' }
  | { kind: 'mismatch' };

export interface IdempotencyStore {
  /** Called before doing the work. `bodyHash` identifies the request body (e.g. its sha256). */
  begin(companyId: string, key: string, bodyHash: string): BeginResult;
  /** Called after the work succeeded, with the response to replay. */
  complete(companyId: string, key: string, response: StoredResponse): void;
  /** Called when the work failed before completing, so the client may retry with the same key. */
  abandon(companyId: string, key: string): void;
}

export function createIdempotencyStore(_options: { ttlMs: number; now: () => number }): IdempotencyStore {
  throw new Error('not implemented: createIdempotencyStore (start with a Map keyed by company and key)');
}
