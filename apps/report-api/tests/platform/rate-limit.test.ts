import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, expectProblem, startTestServer, TOKENS, type TestServer } from './fixtures.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ rateLimitPerMinute: 3 });
});
afterAll(async () => {
  await s.stop();
});

async function statuses(n: number, headers: Record<string, string>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await fetch(`${s.url}/v1/clinic`, { headers })).status);
  return out;
}

describe('per-company rate limit', () => {
  it('returns 429 with Retry-After when the company exceeds its rate', async () => {
    expect(await statuses(3, bearer(TOKENS.clinicA))).toEqual([200, 200, 200]);
    const response = await fetch(`${s.url}/v1/clinic`, { headers: bearer(TOKENS.clinicA) });
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const body = await expectProblem(response, 'rate-limited');
    expect(body.retryAfterSeconds).toBe(retryAfter);
    expect(response.headers.get('ratelimit-policy')).toContain('q=3');
    expect(response.headers.get('ratelimit')).toMatch(/^"3-in-1min"; r=0; t=\d+$/);
  });

  it('announces the policy and the requests left in draft-8 RateLimit headers', async () => {
    const seen = [];
    for (let i = 0; i < 2; i++) {
      const response = await fetch(`${s.url}/v1/clinic`, { headers: bearer(TOKENS.product) });
      seen.push({
        rateLimit: response.headers.get('ratelimit'),
        policy: response.headers.get('ratelimit-policy'),
      });
    }
    const [first, second] = seen;
    expect(first?.rateLimit).toMatch(/^"3-in-1min"; r=2; t=([1-9]|[1-5]\d|60)$/);
    expect(second?.rateLimit).toMatch(/^"3-in-1min"; r=1; t=([1-9]|[1-5]\d|60)$/);
    // The partition key (pk) names the caller's counter without revealing it: the same for one caller.
    expect(first?.policy).toMatch(/^"3-in-1min"; q=3; w=60; pk=:[A-Za-z0-9+/]+=*:$/);
    expect(second?.policy).toBe(first?.policy);
    const other = await fetch(`${s.url}/v1/clinic`, { headers: bearer(TOKENS.clinicA) });
    expect(other.headers.get('ratelimit-policy')).not.toBe(first?.policy);
  });

  it('counts each company separately', async () => {
    expect(await statuses(3, bearer(TOKENS.clinicB))).toEqual([200, 200, 200]);
  });

  it('limits unauthenticated callers by address, before answering 401', async () => {
    expect(await statuses(4, bearer('wrong-token'))).toEqual([401, 401, 401, 429]);
  });

  it('does not limit health checks', async () => {
    const codes = await Promise.all(
      Array.from({ length: 6 }, () => fetch(`${s.url}/healthz`).then((r) => r.status)),
    );
    expect(codes.every((c) => c === 200)).toBe(true);
  });
});

describe('per-company rate limit across API processes (REDIS_URL)', () => {
  const servers: TestServer[] = [];
  afterAll(async () => {
    for (const server of servers) await server.stop();
  });

  it('counts a company once across two API processes sharing Redis', async () => {
    const prefix = `test-rl-${crypto.randomUUID()}:`;
    for (let i = 0; i < 2; i++)
      servers.push(
        await startTestServer({
          rateLimitPerMinute: 3,
          redisUrl: 'redis://127.0.0.1:6379',
          rateLimitPrefix: prefix,
        }),
      );
    const [one, two] = servers as [TestServer, TestServer];
    const headers = bearer(TOKENS.clinicA);
    const codes = [];
    for (const server of [one, two, one, two])
      codes.push((await fetch(`${server.url}/v1/clinic`, { headers })).status);
    expect(codes).toEqual([200, 200, 200, 429]);
  });

  it('lets requests through (fail open) and logs it when Redis is unreachable', async () => {
    const server = await startTestServer({
      rateLimitPerMinute: 1,
      redisUrl: 'redis://127.0.0.1:1',
      rateLimitPrefix: 'unreachable:',
    });
    servers.push(server);
    const headers = bearer(TOKENS.clinicA);
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await fetch(`${server.url}/v1/clinic`, { headers })).status);
    expect(codes).toEqual([200, 200, 200]);
    expect(server.logs.some((l) => String(l.msg).includes('rate limit store unavailable'))).toBe(true);
  });
});
