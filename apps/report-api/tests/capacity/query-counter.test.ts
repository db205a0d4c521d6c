import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { sql } from 'kysely';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@repo/db/testing';
import {
  QUERY_COUNT_HEADER,
  countQueries,
  currentQueryCount,
  instrumentPool,
  queryCounterMiddleware,
} from '../../src/observability/query-counter.ts';

let database: TestDatabase;
let server: Server;
let prodServer: Server;
let base: string;
let prodBase: string;
const registry = new Registry();

beforeAll(async () => {
  database = await createTestDatabase('qcount');
  instrumentPool(database.pool);
  const app = express();
  app.use(queryCounterMiddleware({ registry, exposeHeader: true }));
  app.get('/five', async (_req, res) => {
    for (let i = 0; i < 4; i += 1) await database.pool.query('SELECT 1');
    await sql`SELECT 2`.execute(database.db);
    res.json({ inScope: currentQueryCount() });
  });
  app.get('/one', async (_req, res) => {
    await database.pool.query('WITH a AS (SELECT 1 AS x), b AS (SELECT 2 AS y) SELECT * FROM a, b');
    res.json({});
  });
  app.get('/none', (_req, res) => res.json({}));
  const hidden = express();
  hidden.use(queryCounterMiddleware({ registry: new Registry(), exposeHeader: false }));
  hidden.get('/one', async (_req, res) => {
    await database.pool.query('SELECT 1');
    res.json({});
  });
  server = app.listen(0, '127.0.0.1');
  prodServer = hidden.listen(0, '127.0.0.1');
  await Promise.all([server, prodServer].map((s) => new Promise((resolve) => s.once('listening', resolve))));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  prodBase = `http://127.0.0.1:${(prodServer.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await Promise.all([server, prodServer].map((s) => new Promise((resolve) => s.close(resolve))));
  await database.drop();
});

describe('per-request query counter', () => {
  it('counts pool.query and Kysely queries of one request and returns the count in X-DB-Queries', async () => {
    const res = await fetch(`${base}/five`);
    expect(res.headers.get(QUERY_COUNT_HEADER)).toBe('5');
    expect(await res.json()).toEqual({ inScope: 5 });
  });

  it('counts a CTE batch as one round trip', async () => {
    const res = await fetch(`${base}/one`);
    expect(res.headers.get(QUERY_COUNT_HEADER)).toBe('1');
  });

  it('keeps concurrent requests in separate scopes', async () => {
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) => fetch(`${base}/${i % 2 === 0 ? 'five' : 'one'}`)),
    );
    expect(responses.map((r) => r.headers.get(QUERY_COUNT_HEADER))).toEqual(
      Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? '5' : '1')),
    );
  });

  it('exports the db_queries_per_request histogram per route', async () => {
    await fetch(`${base}/none`);
    const text = await registry.metrics();
    expect(text).toMatch(/db_queries_per_request_bucket\{le="1",route="\/one"\} [1-9]/);
    expect(text).toMatch(/db_queries_per_request_sum\{route="\/five"\} [1-9]\d*/);
    expect(text).toMatch(/db_queries_per_request_count\{route="\/none"\} 1/);
  });

  it('omits the header when not exposed (production)', async () => {
    const res = await fetch(`${prodBase}/one`);
    expect(res.status).toBe(200);
    expect(res.headers.get(QUERY_COUNT_HEADER)).toBeNull();
  });

  it('counts queries of any async function with countQueries and nothing outside a scope', async () => {
    const { queries } = await countQueries(async () => {
      await database.pool.query('SELECT 1');
      await Promise.all([database.pool.query('SELECT 2'), database.pool.query('SELECT 3')]);
    });
    expect(queries).toBe(3);
    expect(currentQueryCount()).toBeUndefined();
  });
});
