// Reference solution, run by the docs workspace's tests so the kata stays solvable. Try the kata before reading.
// In the API the same rules live in PostgreSQL (a unique key on company_id + key), so they hold across processes.
import type { BeginResult, IdempotencyStore, StoredResponse } from './idempotency-key.ts';

interface Entry {
  bodyHash: string;
  createdAt: number;
  response?: StoredResponse;
}

export function createIdempotencyStore(options: { ttlMs: number; now: () => number }): IdempotencyStore {
  const entries = new Map<string, Entry>();
  const id = (companyId: string, key: string) => JSON.stringify([companyId, key]);
  return {
    begin(companyId, key, bodyHash): BeginResult {
      const existing = entries.get(id(companyId, key));
      if (existing && options.now() - existing.createdAt < options.ttlMs) {
        if (existing.bodyHash !== bodyHash) return { kind: 'mismatch' };
        return existing.response ? { kind: 'replay', response: existing.response } : { kind: 'in-progress' };
      }
      entries.set(id(companyId, key), { bodyHash, createdAt: options.now() });
      return { kind: 'proceed' };
    },
    complete(companyId, key, response) {
      const entry = entries.get(id(companyId, key));
      if (entry) entry.response = response;
    },
    abandon(companyId, key) {
      entries.delete(id(companyId, key));
    },
  };
}
