// The challenge's clinic actions ran 5 queries each (token, company, timezone, page, count). Here each is one
// round trip, measured by the per-request query counter (X-DB-Queries header and db_queries_per_request).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUERY_COUNT_HEADER } from '../../src/observability/query-counter.ts';
import { TOKENS, bearer, startTestServer, type TestServer } from '../platform/fixtures.ts';

let s: TestServer;

beforeAll(async () => {
  s = await startTestServer();
});

afterAll(async () => {
  await s.stop();
});

async function queriesOf(path: string, token: string = TOKENS.clinicA): Promise<number> {
  const res = await fetch(`${s.url}${path}`, { headers: bearer(token) });
  expect(res.status).toBe(200);
  await res.arrayBuffer();
  return Number(res.headers.get(QUERY_COUNT_HEADER));
}

describe('queries per clinic action', () => {
  it('opens the clinic in one round trip once the token is known, and none while it is cached', async () => {
    // First sight of a token: the token lookup plus the page.
    expect(await queriesOf('/v1/appointments?limit=1', TOKENS.clinicB)).toBe(2);
    expect(await queriesOf('/v1/clinic', TOKENS.clinicB)).toBe(1);
    expect(await queriesOf('/v1/clinic', TOKENS.clinicB)).toBe(0);
  });

  it('lists a filtered page of appointments in one round trip (timezone, filters and next-page check included)', async () => {
    await queriesOf('/v1/clinic');
    const path = '/v1/appointments?from=2026-02-01&to=2026-03-31&status=scheduled&limit=5';
    expect(await queriesOf(path)).toBe(1);
    const res = await fetch(`${s.url}${path}`, { headers: bearer(TOKENS.clinicA) });
    const page = (await res.json()) as { data: unknown[]; nextCursor: string | null };
    expect(page.data.length).toBeGreaterThan(0);
    expect(Number(res.headers.get(QUERY_COUNT_HEADER))).toBe(0);
    if (page.nextCursor) {
      expect(await queriesOf(`${path}&cursor=${encodeURIComponent(page.nextCursor)}`)).toBe(1);
    }
  });

  it('exports db_queries_per_request: no clinic request above two round trips, even on first sight of a token', async () => {
    const metrics = await (await fetch(`${s.url}/metrics`)).text();
    for (const route of ['/v1/appointments', '/v1/clinic']) {
      const count = new RegExp(`db_queries_per_request_count\\{route="${route}"\\} (\\d+)`).exec(
        metrics,
      )?.[1];
      const le2 = new RegExp(`db_queries_per_request_bucket\\{le="2",route="${route}"\\} (\\d+)`).exec(
        metrics,
      )?.[1];
      expect(Number(count)).toBeGreaterThan(0);
      expect(le2).toBe(count);
    }
  });

  it('serves cached pages to one clinic only', async () => {
    const a = await fetch(`${s.url}/v1/appointments?limit=50`, { headers: bearer(TOKENS.clinicA) });
    const b = await fetch(`${s.url}/v1/appointments?limit=50`, { headers: bearer(TOKENS.clinicB) });
    const idsA = ((await a.json()) as { data: { id: string }[] }).data.map((r) => r.id);
    const idsB = ((await b.json()) as { data: { id: string }[] }).data.map((r) => r.id);
    expect(idsA).toEqual(s.seeded.appointmentsA);
    expect(idsB).toEqual(s.seeded.appointmentsB);
  });
});
