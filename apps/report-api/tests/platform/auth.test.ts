import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clinicSchema } from '@repo/contract';
import { hashToken } from '@repo/db';
import { bearer, expectProblem, startTestServer, TOKENS, type TestServer } from './fixtures.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s.stop();
});

describe('bearer authentication', () => {
  it('returns 401 with WWW-Authenticate when no token is sent', async () => {
    const response = await fetch(`${s.url}/v1/clinic`);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const body = await expectProblem(response, 'unauthorized');
    expect(body.detail).toMatch(/Authorization: Bearer/);
  });

  it.each([
    ['an unknown token', { authorization: 'Bearer nope' }],
    ['a revoked token', bearer(TOKENS.revoked)],
    ['an expired token', bearer(TOKENS.expired)],
    ['a Basic credential', { authorization: 'Basic dXNlcjpwYXNz' }],
    ['a token with spaces inside', { authorization: 'Bearer a b' }],
    ['an over-long token', bearer('x'.repeat(300))],
  ])('returns 401 for %s', async (_name, headers) => {
    const response = await fetch(`${s.url}/v1/appointments`, { headers });
    await expectProblem(response, 'unauthorized');
  });

  it('accepts a token as soon as it exists, even right after it was refused (unknown tokens are not cached)', async () => {
    const token = 'test-issued-later';
    await expectProblem(await fetch(`${s.url}/v1/clinic`, { headers: bearer(token) }), 'unauthorized');
    await s.t.db
      .insertInto('api_tokens')
      .values({ company_id: s.seeded.companyB, role: 'clinic', label: 'later', token_hash: hashToken(token) })
      .execute();
    const response = await fetch(`${s.url}/v1/clinic`, { headers: bearer(token) });
    expect(response.status).toBe(200);
    expect(clinicSchema.parse(await response.json()).id).toBe(s.seeded.companyB);
  });

  it('serves a known token from the principal cache: the same principal, without asking the database', async () => {
    const first = await fetch(`${s.url}/v1/clinic`, { headers: bearer(TOKENS.clinicA) });
    expect(first.status).toBe(200);
    // Revoked in the database: the cached principal still answers until its TTL (decision 074).
    await s.t.db
      .updateTable('api_tokens')
      .set({ revoked_at: new Date() })
      .where('token_hash', '=', hashToken(TOKENS.clinicA))
      .execute();
    try {
      const cached = await fetch(`${s.url}/v1/clinic`, { headers: bearer(TOKENS.clinicA) });
      expect(cached.status).toBe(200);
      expect(clinicSchema.parse(await cached.json()).id).toBe(s.seeded.companyA);
    } finally {
      await s.t.db
        .updateTable('api_tokens')
        .set({ revoked_at: null })
        .where('token_hash', '=', hashToken(TOKENS.clinicA))
        .execute();
    }
  });

  it('accepts the scheme case-insensitively', async () => {
    const response = await fetch(`${s.url}/v1/clinic`, {
      headers: { authorization: `bearer ${TOKENS.clinicA}` },
    });
    expect(response.status).toBe(200);
  });
});

describe('GET /v1/clinic', () => {
  it("returns the caller's own clinic profile", async () => {
    const response = await fetch(`${s.url}/v1/clinic`, { headers: bearer(TOKENS.clinicB) });
    expect(response.status).toBe(200);
    const clinic = clinicSchema.parse(await response.json());
    expect(clinic).toMatchObject({ id: s.seeded.companyB, name: 'Clínica B', state: 'RN', churnedAt: null });
  });

  it('answers JSON in UTF-8 with the exact byte length of a body with accents', async () => {
    const response = await fetch(`${s.url}/v1/clinic`, { headers: bearer(TOKENS.clinicB) });
    const text = await response.text();
    // A length counted in characters would cut the body short, and it would no longer parse.
    expect(clinicSchema.parse(JSON.parse(text)).name).toBe('Clínica B');
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(Number(response.headers.get('content-length'))).toBe(Buffer.byteLength(text));
  });

  it('answers HEAD with the headers of GET and not one byte of body', async () => {
    // HEAD then GET on one keep-alive connection: the GET's status line must follow the HEAD's headers.
    const { port } = new URL(s.url);
    const request = (method: string): string =>
      `${method} /v1/clinic HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${TOKENS.clinicB}\r\n\r\n`;
    const raw = await new Promise<string>((resolve, reject) => {
      let received = '';
      const socket = connect(Number(port), '127.0.0.1', () => socket.write(request('HEAD') + request('GET')));
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => {
        received += chunk;
        if (received.includes('"Clínica B"')) {
          socket.destroy();
          resolve(received);
        }
      });
      socket.on('error', reject);
    });
    const [headHeaders, afterHead] = [
      raw.slice(0, raw.indexOf('\r\n\r\n')),
      raw.slice(raw.indexOf('\r\n\r\n') + 4),
    ];
    expect(headHeaders).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(headHeaders).toMatch(/\r\ncontent-type: application\/json; charset=utf-8\r\n/i);
    const length = /\r\ncontent-length: (\d+)\r\n/i.exec(headHeaders)?.[1];
    expect(Number(length)).toBeGreaterThan(0);
    expect(afterHead.startsWith('HTTP/1.1 200 OK\r\n')).toBe(true);
    expect(afterHead).toMatch(new RegExp(`\\r\\ncontent-length: ${String(length)}\\r\\n`, 'i'));
  });

  it('returns 403 forbidden for an internal role, which belongs to no clinic', async () => {
    const response = await fetch(`${s.url}/v1/clinic`, { headers: bearer(TOKENS.product) });
    await expectProblem(response, 'forbidden');
  });
});

describe('tenant isolation', () => {
  it("returns 404 (never 403) for another clinic's appointment", async () => {
    const foreign = s.seeded.appointmentsB[0]!;
    const own = await fetch(`${s.url}/v1/appointments/${foreign}`, { headers: bearer(TOKENS.clinicB) });
    expect(own.status).toBe(200);
    const response = await fetch(`${s.url}/v1/appointments/${foreign}`, { headers: bearer(TOKENS.clinicA) });
    await expectProblem(response, 'not-found');
  });

  it("never lists another clinic's appointments", async () => {
    const response = await fetch(`${s.url}/v1/appointments?limit=100`, { headers: bearer(TOKENS.clinicB) });
    const page = (await response.json()) as { data: { id: string }[] };
    expect(page.data.map((a) => a.id)).toEqual(s.seeded.appointmentsB);
  });

  it("does not reveal another clinic's patient through the patientId filter", async () => {
    const response = await fetch(`${s.url}/v1/appointments?patientId=${s.seeded.patientA}`, {
      headers: bearer(TOKENS.clinicB),
    });
    expect(await response.json()).toEqual({ data: [], nextCursor: null });
  });
});
