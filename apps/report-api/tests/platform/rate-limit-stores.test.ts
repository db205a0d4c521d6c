// The rate limit with stores that misbehave: whatever a store does, a request is answered, never a 500,
// and never a 429 the store did not count (fail open, decision 026). A store is the limiter's network
// edge (Redis in production), so these stand-ins are plain objects implementing express-rate-limit's Store.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import type { IncrementResponse, Store } from 'express-rate-limit';
import { afterEach, describe, expect, it } from 'vitest';
import { errorHandler } from '../../src/http/errors.ts';
import { companyRateLimit } from '../../src/http/rate-limit.ts';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function serve(store: Store, warnings: string[]): Promise<string> {
  const app = express();
  app.use(
    companyRateLimit(2, {
      store,
      logger: { warn: (_obj: unknown, msg?: string) => warnings.push(String(msg)) },
    }),
  );
  app.get('/', (_req, res) => {
    res.send('ok');
  });
  app.use(errorHandler);
  const server = app.listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  return `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/`;
}

const counting = (totalHits: () => unknown): Store => ({
  increment: () =>
    Promise.resolve({
      totalHits: totalHits(),
      resetTime: new Date(Date.now() + 30_000),
    } as IncrementResponse),
  decrement: () => Promise.resolve(),
  resetKey: () => Promise.resolve(),
});

describe('rate limit with a misbehaving store', () => {
  it('lets the request through without RateLimit headers when the store rejects', async () => {
    const warnings: string[] = [];
    const url = await serve(
      { ...counting(() => 1), increment: () => Promise.reject(new Error('down')) },
      warnings,
    );
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('ratelimit')).toBeNull();
    expect(warnings).toEqual(['rate limit store unavailable; letting requests through']);
  });

  it('lets the request through when the store throws instead of rejecting', async () => {
    const warnings: string[] = [];
    const throwing: Store = {
      ...counting(() => 1),
      increment: () => {
        throw new Error('sync failure');
      },
    };
    const response = await fetch(await serve(throwing, warnings));
    expect(response.status).toBe(200);
    expect(warnings).toHaveLength(1);
  });

  it.each([
    ['no count', () => undefined],
    ['a count that is not a number', () => Number.NaN],
    ['a count of zero', () => 0],
  ])('treats %s as a failing store: the request passes, it is not a 429', async (_case, hits) => {
    const warnings: string[] = [];
    const response = await fetch(await serve(counting(hits), warnings));
    expect(response.status).toBe(200);
    expect(response.headers.get('ratelimit')).toBeNull();
    expect(warnings).toHaveLength(1);
  });

  it('still serves, and logs, when the store cannot start', async () => {
    const warnings: string[] = [];
    let hits = 0;
    const store: Store = {
      ...counting(() => (hits += 1)),
      init: () => {
        throw new Error('no connection');
      },
    };
    const url = await serve(store, warnings);
    expect((await fetch(url)).status).toBe(200);
    expect(warnings).toEqual(['rate limit store unavailable; letting requests through']);
  });

  it('answers 429 from a store that resolves a thenable rather than a native promise', async () => {
    let hits = 0;
    const thenable: Store = {
      ...counting(() => 0),
      increment: () => {
        hits += 1;
        const counted = { totalHits: hits, resetTime: new Date(Date.now() + 30_000) };
        return {
          then: (resolve: (value: IncrementResponse) => void) => resolve(counted),
        } as unknown as Promise<IncrementResponse>;
      },
    };
    const url = await serve(thenable, []);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(url)).status);
    expect(statuses).toEqual([200, 200, 429]);
  });
});
