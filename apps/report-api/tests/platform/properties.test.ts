// Property-based bad input: random methods, paths, query strings, headers, tokens and bodies against every
// route. Whatever arrives, the API never answers 5xx, every error is problem+json, and nothing is written.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_CONTENT_TYPE, problemSchema } from '@repo/contract';
import { bearer, rowCounts, startTestServer, TOKENS, type TestServer } from './fixtures.ts';

let s: TestServer;
let before: Record<string, number>;
beforeAll(async () => {
  s = await startTestServer();
  before = await rowCounts(s.t.db);
});
afterAll(async () => {
  expect(await rowCounts(s.t.db)).toEqual(before);
  await s.stop();
});

const printable = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 40,
});
const anyText = fc.string({ unit: 'grapheme', maxLength: 30 });
const segment = fc.oneof(
  anyText.map(encodeURIComponent),
  fc.constantFrom('1', '0', '-1', '99999999999999999999', '%', '%E0%A4%A', '%00', '..', 'null', ' '),
  fc.bigInt({ min: 1n, max: 2n ** 63n }).map(String),
);
const path = fc.oneof(
  fc.constantFrom('/v1/clinic', '/v1/appointments', '/healthz', '/readyz', '/openapi.json', '/v1', '/'),
  segment.map((id) => `/v1/appointments/${id}`),
  fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => `/${parts.join('/')}`),
  fc.array(segment, { minLength: 1, maxLength: 3 }).map((parts) => `/v1/${parts.join('/')}`),
);
const queryKey = fc.constantFrom(
  'limit',
  'cursor',
  'from',
  'to',
  'status',
  'professional',
  'specialty',
  'patientId',
  'x',
  'limit[]',
  '__proto__',
);
const queryValue = fc.oneof(
  anyText,
  fc.integer().map(String),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom('scheduled', 'no_show', '0000-01-01', '9999-12-31', '', '%', 'eyJ2IjoxfQ'),
  fc.base64String({ maxLength: 60 }),
);
const query = fc
  .array(fc.tuple(queryKey, queryValue), { maxLength: 5 })
  .map((pairs) =>
    pairs.length ? `?${pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}` : '',
  );
const authorization = fc.oneof(
  fc.constantFrom(
    `Bearer ${TOKENS.clinicA}`,
    `Bearer ${TOKENS.clinicB}`,
    `Bearer ${TOKENS.product}`,
    `Bearer ${TOKENS.revoked}`,
    'Bearer',
    'Bearer ',
    'Basic Zm9vOmJhcg==',
  ),
  printable.map((t) => `Bearer ${t}`),
  printable,
);
const headers = fc.record(
  {
    authorization,
    'x-request-id': printable,
    'content-type': fc.constantFrom(
      'application/json',
      'application/json; charset=utf-16',
      'text/plain',
      'application/merge-patch+json',
      'multipart/form-data',
      'application/x-www-form-urlencoded',
      '',
    ),
    accept: fc.constantFrom('application/json', 'text/html', '*/*'),
    origin: fc.constantFrom('http://localhost:5173', 'https://evil.example'),
  },
  { requiredKeys: [] },
);
const body = fc.oneof(
  fc.json({ maxDepth: 3 }),
  anyText,
  fc.constantFrom('{', '[1,', 'null', '"x"', '{"__proto__":{"a":1}}'),
  fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
);
const method = fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS');

async function check(response: Response, requestMethod: string): Promise<void> {
  const text = await response.text();
  expect(response.status, text).toBeLessThan(500);
  expect(response.headers.get('x-request-id')).toBeTruthy();
  if (response.status >= 400 && requestMethod !== 'HEAD') {
    expect(response.headers.get('content-type')).toContain(PROBLEM_CONTENT_TYPE);
    const problem = problemSchema.parse(JSON.parse(text));
    expect(problem.status).toBe(response.status);
  }
}

describe('bad input never breaks the API', () => {
  it('answers any method, path, query, headers and body with a non-5xx, problem+json on errors', async () => {
    await fc.assert(
      fc.asyncProperty(method, path, query, headers, fc.option(body), async (m, p, q, h, b) => {
        const sendBody = b !== null && !['GET', 'HEAD'].includes(m);
        const response = await fetch(`${s.url}${p}${q}`, {
          method: m,
          headers: h,
          ...(sendBody ? { body: b } : {}),
        });
        await check(response, m);
      }),
      { numRuns: 300 },
    );
  });

  it('answers random list queries from a valid clinic with 200 or a 400 problem', async () => {
    await fc.assert(
      fc.asyncProperty(query, async (q) => {
        const response = await fetch(`${s.url}/v1/appointments${q}`, { headers: bearer(TOKENS.clinicA) });
        await check(response, 'GET');
        expect([200, 400]).toContain(response.status);
      }),
      { numRuns: 200 },
    );
  });

  it('answers random tampered cursors with 200 or 400, never a database error', async () => {
    const cursorDoc = fc.record({
      v: fc.oneof(fc.constant(1), fc.integer()),
      s: fc.oneof(
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString().replace('Z', '000Z')),
        fc.constantFrom(
          '0000-01-01T00:00:00.000000Z',
          '2026-13-01T00:00:00.000000Z',
          '275760-09-13T00:00:00.000000Z',
        ),
        anyText,
      ),
      i: fc.oneof(fc.bigInt({ min: 1n, max: 10n ** 18n - 1n }).map(String), anyText),
    });
    await fc.assert(
      fc.asyncProperty(cursorDoc, async (doc) => {
        const cursor = Buffer.from(JSON.stringify(doc)).toString('base64url');
        const response = await fetch(`${s.url}/v1/appointments?cursor=${cursor}`, {
          headers: bearer(TOKENS.clinicA),
        });
        await check(response, 'GET');
        expect([200, 400]).toContain(response.status);
      }),
      { numRuns: 150 },
    );
  });

  it('answers every page of a valid filter walk in order and within the filter', async () => {
    const filter = fc.record(
      {
        status: fc.constantFrom('scheduled', 'completed', 'cancelled', 'no_show'),
        professional: fc.constantFrom('Dr. Ana', 'Dr. Bruno'),
        limit: fc.integer({ min: 1, max: 7 }),
      },
      { requiredKeys: ['limit'] },
    );
    await fc.assert(
      fc.asyncProperty(filter, async (f) => {
        const params = new URLSearchParams(
          Object.entries(f).map(([k, v]): [string, string] => [k, String(v)]),
        );
        const seen: { id: string; startsAt: string; status: string; professional: string }[] = [];
        let cursor: string | null = null;
        do {
          if (cursor) params.set('cursor', cursor);
          const response = await fetch(`${s.url}/v1/appointments?${params.toString()}`, {
            headers: bearer(TOKENS.clinicA),
          });
          const page = (await response.json()) as { data: typeof seen; nextCursor: string | null };
          expect(page.data.length).toBeLessThanOrEqual(f.limit);
          seen.push(...page.data);
          cursor = page.nextCursor;
        } while (cursor);
        const expected = s.seeded.appointmentsA.filter((id) => seen.some((a) => a.id === id));
        expect(seen.map((a) => a.id)).toEqual(expected);
        for (const a of seen) {
          if (f.status) expect(a.status).toBe(f.status);
          if (f.professional) expect(a.professional).toBe(f.professional);
        }
      }),
      { numRuns: 30 },
    );
  });
});
