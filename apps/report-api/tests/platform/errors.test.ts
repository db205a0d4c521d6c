import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { problemSchema } from '@repo/contract';
import { bearer, expectProblem, startTestServer, TOKENS, type TestServer } from './fixtures.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ bodyLimitBytes: 1024, webOrigin: 'http://localhost:5173' });
});
afterAll(async () => {
  await s.stop();
});

const auth = bearer(TOKENS.clinicA);
const json = { ...auth, 'content-type': 'application/json' };

function raw(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(s.port, '127.0.0.1', () => socket.write(request));
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (data += chunk));
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
  });
}

describe('problem+json for every client mistake', () => {
  it('returns 400 when the JSON body is malformed', async () => {
    const response = await fetch(`${s.url}/v1/appointments`, {
      method: 'POST',
      headers: json,
      body: '{"a":',
    });
    const body = await expectProblem(response, 'bad-request');
    expect(body.detail).toBe('The request body is not valid JSON');
  });

  it('returns 413 when the body is larger than the limit', async () => {
    const response = await fetch(`${s.url}/v1/appointments`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ pad: 'x'.repeat(2048) }),
    });
    const body = await expectProblem(response, 'payload-too-large');
    expect(body.detail).toMatch(/1024 bytes/);
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])(
    'returns 415 when a body is sent as %s',
    async (type) => {
      const response = await fetch(`${s.url}/v1/appointments`, {
        method: 'POST',
        headers: { ...auth, 'content-type': type },
        body: 'a=1',
      });
      await expectProblem(response, 'unsupported-media-type');
    },
  );

  it('returns 415 for a JSON body in a charset other than UTF-8', async () => {
    const response = await fetch(`${s.url}/v1/appointments`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json; charset=latin1' },
      body: '{}',
    });
    await expectProblem(response, 'unsupported-media-type');
  });

  it('returns 405 with an Allow header for a wrong method on a known route', async () => {
    const response = await fetch(`${s.url}/v1/appointments`, { method: 'POST', headers: json, body: '{}' });
    expect(response.headers.get('allow')).toBe('GET, HEAD');
    await expectProblem(response, 'method-not-allowed');
  });

  it('returns 405 for a bodyless POST and for DELETE on a route with a parameter', async () => {
    const post = await fetch(`${s.url}/v1/clinic`, { method: 'POST', headers: auth });
    await expectProblem(post, 'method-not-allowed');
    const del = await fetch(`${s.url}/v1/appointments/1`, { method: 'DELETE', headers: auth });
    expect(del.headers.get('allow')).toBe('GET, HEAD');
    await expectProblem(del, 'method-not-allowed');
  });

  it('returns 404 for unknown routes inside and outside /v1', async () => {
    await expectProblem(await fetch(`${s.url}/v1/nothing-here`, { headers: auth }), 'not-found');
    await expectProblem(await fetch(`${s.url}/nothing-here`), 'not-found');
  });

  it('returns 400 for a path with broken percent-encoding', async () => {
    const response = await fetch(`${s.url}/v1/appointments/%E0%A4%A`, { headers: auth });
    await expectProblem(response, 'bad-request');
  });

  it('answers a request node:http cannot parse with a 400 problem', async () => {
    const response = await raw('GET /healthz HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n');
    expect(response).toMatch(/^HTTP\/1\.1 400 /);
    expect(response).toMatch(/Content-Type: application\/problem\+json/);
    const body = problemSchema.parse(JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4)));
    expect(body.status).toBe(400);
  });

  it('answers oversized headers with 431 problem+json', async () => {
    const response = await raw(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(response).toMatch(/^HTTP\/1\.1 431 /);
  });
});

describe('request ids', () => {
  it('echoes a well-formed X-Request-Id on success and error responses', async () => {
    const ok = await fetch(`${s.url}/healthz`, { headers: { 'x-request-id': 'abc-123' } });
    expect(ok.headers.get('x-request-id')).toBe('abc-123');
    const missing = await fetch(`${s.url}/v1/nope`, { headers: { ...auth, 'x-request-id': 'req.42' } });
    expect((await expectProblem(missing, 'not-found')).requestId).toBe('req.42');
  });

  it.each([
    ['too long', 'a'.repeat(129)],
    ['with spaces', 'a b'],
    ['with control-like characters', 'a\tb'],
  ])('replaces an X-Request-Id that is %s with a new UUID', async (_name, id) => {
    const response = await fetch(`${s.url}/healthz`, { headers: { 'x-request-id': id } });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('writes JSON log lines carrying the request id and no Authorization header', async () => {
    await fetch(`${s.url}/v1/clinic`, { headers: { ...auth, 'x-request-id': 'log-check-1' } });
    const line = s.logs.find((l) => (l.req as { id?: string } | undefined)?.id === 'log-check-1');
    expect(line).toMatchObject({ msg: 'request completed', res: { statusCode: 200 } });
    expect(JSON.stringify(s.logs)).not.toContain(TOKENS.clinicA);
  });

  it('logs "request aborted" when the client hangs up before the response', async () => {
    const id = 'hang-up-1';
    await new Promise<void>((resolve, reject) => {
      const socket = connect(s.port, '127.0.0.1', () => {
        // Half a body: the server waits for the rest, then the client goes away.
        socket.write(
          `POST /v1/appointments HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth.authorization}\r\n` +
            `X-Request-Id: ${id}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":`,
        );
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 200);
      });
      socket.on('error', reject);
    });
    await expect
      .poll(() => s.logs.find((l) => (l.req as { id?: string } | undefined)?.id === id))
      .toMatchObject({ msg: 'request aborted', req: { method: 'POST', url: '/v1/appointments' } });
  });
});

describe('security headers and CORS', () => {
  it('sends the security headers of a JSON API (OWASP REST) and none of those meant for HTML pages', async () => {
    for (const response of [
      await fetch(`${s.url}/healthz`),
      await fetch(`${s.url}/v1/clinic`, { headers: auth }),
      await fetch(`${s.url}/v1/nothing-here`, { headers: auth }),
    ]) {
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-security-policy')).toBe(
        "default-src 'none';frame-ancestors 'none'",
      );
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('cross-origin-resource-policy')).toBe('same-origin');
      for (const htmlOnly of [
        'x-powered-by',
        'x-dns-prefetch-control',
        'x-download-options',
        'x-permitted-cross-domain-policies',
        'x-xss-protection',
        'origin-agent-cluster',
        'cross-origin-opener-policy',
      ])
        expect(response.headers.get(htmlOnly), htmlOnly).toBeNull();
    }
  });

  it('adds no CORS headers to a request that is not cross-origin (no Origin header)', async () => {
    const response = await fetch(`${s.url}/v1/clinic`, { headers: auth });
    expect(response.status).toBe(200);
    const cors = [...response.headers.keys()].filter((name) => name.startsWith('access-control-'));
    expect(cors).toEqual([]);
    expect(response.headers.get('vary')).toBeNull();
  });

  it('allows the configured web origin, including preflight', async () => {
    const response = await fetch(`${s.url}/v1/clinic`, {
      headers: { ...auth, origin: 'http://localhost:5173' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const preflight = await fetch(`${s.url}/v1/appointments`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });

  it('gives any other origin no CORS permission', async () => {
    const response = await fetch(`${s.url}/v1/clinic`, {
      headers: { ...auth, origin: 'https://evil.example' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('unexpected errors', () => {
  it('returns a 500 problem with the request id and no stack trace, and logs the error', async () => {
    await sql`ALTER TABLE appointments RENAME TO appointments_moved`.execute(s.t.db);
    try {
      const response = await fetch(`${s.url}/v1/appointments`, {
        headers: { ...auth, 'x-request-id': 'boom-1' },
      });
      const text = await response.clone().text();
      const body = await expectProblem(response, 'internal');
      expect(body.detail).toBe('Quote request id boom-1');
      expect(text).not.toMatch(/appointments_moved|at .*\.ts|stack/);
      // The error, through the request's own logger (bound to its id), and the request line at error level.
      const logged = s.logs.find((l) => l.msg === 'request failed');
      expect(logged).toMatchObject({
        level: 50,
        req: { id: 'boom-1', method: 'GET', url: '/v1/appointments' },
      });
      expect(logged?.err).toMatchObject({
        type: expect.any(String) as string,
        message: expect.any(String) as string,
      });
      const line = s.logs.find(
        (l) => l.msg === 'request completed' && (l.req as { id?: string }).id === 'boom-1',
      );
      expect(line).toMatchObject({ level: 50, res: { statusCode: 500 } });
    } finally {
      await sql`ALTER TABLE appointments_moved RENAME TO appointments`.execute(s.t.db);
    }
  });
});
