// The spec of the idempotency-key kata (see README.md). Run against your code by idempotency-key.test.ts.
import { describe, expect, it } from 'vitest';
import type * as Kata from './idempotency-key.ts';

type Impl = Pick<typeof Kata, 'createIdempotencyStore'>;

const DAY_MS = 86_400_000;

export function describeKata(impl: Impl): void {
  function setup() {
    let now = Date.parse('2026-11-29T10:00:00Z');
    const store = impl.createIdempotencyStore({ ttlMs: DAY_MS, now: () => now });
    return { store, advance: (ms: number) => (now += ms) };
  }

  describe('kata idempotency-key: a retried create never makes a second report run', () => {
    it('lets the first request with a key proceed', () => {
      const { store } = setup();
      expect(store.begin('clinic-a', 'key-1', 'hash-1')).toEqual({ kind: 'proceed' });
    });

    it('replays the stored response for the same key and the same body', () => {
      const { store } = setup();
      store.begin('clinic-a', 'key-1', 'hash-1');
      store.complete('clinic-a', 'key-1', { status: 202, body: { id: 'rr_1' } });
      expect(store.begin('clinic-a', 'key-1', 'hash-1')).toEqual({
        kind: 'replay',
        response: { status: 202, body: { id: 'rr_1' } },
      });
    });

    it('answers in-progress (409) while the first request with the key is still running', () => {
      const { store } = setup();
      store.begin('clinic-a', 'key-1', 'hash-1');
      expect(store.begin('clinic-a', 'key-1', 'hash-1')).toEqual({ kind: 'in-progress' });
    });

    it('answers mismatch (422) for the same key with a different body', () => {
      const { store } = setup();
      store.begin('clinic-a', 'key-1', 'hash-1');
      store.complete('clinic-a', 'key-1', { status: 202, body: { id: 'rr_1' } });
      expect(store.begin('clinic-a', 'key-1', 'hash-2')).toEqual({ kind: 'mismatch' });
    });

    it('scopes keys per company: another clinic may use the same key', () => {
      const { store } = setup();
      store.begin('clinic-a', 'key-1', 'hash-1');
      expect(store.begin('clinic-b', 'key-1', 'hash-1')).toEqual({ kind: 'proceed' });
    });

    it('lets the key be retried after the first attempt failed before completing', () => {
      const { store } = setup();
      store.begin('clinic-a', 'key-1', 'hash-1');
      store.abandon('clinic-a', 'key-1');
      expect(store.begin('clinic-a', 'key-1', 'hash-1')).toEqual({ kind: 'proceed' });
    });

    it('keeps a key for the ttl (24 h) and forgets it afterwards', () => {
      const { store, advance } = setup();
      store.begin('clinic-a', 'key-1', 'hash-1');
      store.complete('clinic-a', 'key-1', { status: 202, body: { id: 'rr_1' } });
      advance(DAY_MS - 1);
      expect(store.begin('clinic-a', 'key-1', 'hash-1').kind).toBe('replay');
      advance(2);
      expect(store.begin('clinic-a', 'key-1', 'hash-1')).toEqual({ kind: 'proceed' });
    });
  });
}
