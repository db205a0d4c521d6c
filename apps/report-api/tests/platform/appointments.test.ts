import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointmentPageSchema, appointmentSchema, type AppointmentPage } from '@repo/contract';
import { bearer, expectProblem, startTestServer, TOKENS, type TestServer } from './fixtures.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s.stop();
});

async function page(query: string, token: string = TOKENS.clinicA): Promise<AppointmentPage> {
  const response = await fetch(`${s.url}/v1/appointments${query}`, { headers: bearer(token) });
  expect(response.status, await response.clone().text()).toBe(200);
  return appointmentPageSchema.parse(await response.json());
}

async function walk(query: string): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = query ? '&' : '?';
    const p: AppointmentPage = await page(`${query}${cursor ? `${sep}cursor=${cursor}` : ''}`);
    ids.push(...p.data.map((a) => a.id));
    cursor = p.nextCursor;
    pages += 1;
  } while (cursor && pages < 50);
  return { ids, pages };
}

describe('GET /v1/appointments pagination', () => {
  it('returns 20 newest first by default with a next cursor', async () => {
    const first = await page('');
    expect(first.data.map((a) => a.id)).toEqual(s.seeded.appointmentsA.slice(0, 20));
    expect(first.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('walks every appointment exactly once across pages, including rows that share starts_at', async () => {
    const { ids, pages } = await walk('?limit=2');
    expect(ids).toEqual(s.seeded.appointmentsA);
    expect(pages).toBe(13);
  });

  it('returns a null cursor on the last page', async () => {
    const all = await page('?limit=100');
    expect(all.data).toHaveLength(25);
    expect(all.nextCursor).toBeNull();
  });

  it.each(['0', '101', '-1', 'abc', '2.5', ''])(
    'returns 400 with a field error for limit=%s',
    async (limit) => {
      const response = await fetch(`${s.url}/v1/appointments?limit=${limit}`, {
        headers: bearer(TOKENS.clinicA),
      });
      const body = await expectProblem(response, 'bad-request');
      expect(body.errors?.map((e) => e.field)).toEqual(['query.limit']);
    },
  );

  it.each([
    ['not base64url', '!!!'],
    ['base64url of non-JSON', Buffer.from('hello').toString('base64url')],
    ['a JSON cursor of another shape', Buffer.from('{"v":1,"s":"x","i":"1"}').toString('base64url')],
    [
      'an impossible date',
      Buffer.from('{"v":1,"s":"2026-02-30T00:00:00.000000Z","i":"1"}').toString('base64url'),
    ],
    [
      'a huge id',
      Buffer.from('{"v":1,"s":"2026-02-01T00:00:00.000000Z","i":"99999999999999999999"}').toString(
        'base64url',
      ),
    ],
  ])('returns 400 for a malformed cursor: %s', async (_name, cursor) => {
    const response = await fetch(`${s.url}/v1/appointments?cursor=${cursor}`, {
      headers: bearer(TOKENS.clinicA),
    });
    const body = await expectProblem(response, 'bad-request');
    expect(body.errors?.[0]?.field).toBe('query.cursor');
  });

  it('returns 400 when a query parameter is repeated', async () => {
    const response = await fetch(`${s.url}/v1/appointments?status=completed&status=no_show`, {
      headers: bearer(TOKENS.clinicA),
    });
    await expectProblem(response, 'bad-request');
  });
});

describe('GET /v1/appointments filters', () => {
  it('filters by status, professional, specialty and patient together', async () => {
    const all = (await page('?limit=100')).data;
    const filtered = await page(
      `?limit=100&status=completed&professional=${encodeURIComponent('Dr. Bruno')}&specialty=dermatology&patientId=${s.seeded.patientA}`,
    );
    const expected = all.filter(
      (a) =>
        a.status === 'completed' &&
        a.professional === 'Dr. Bruno' &&
        a.specialty === 'dermatology' &&
        a.patientId === s.seeded.patientA,
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(filtered.data).toEqual(expected);
  });

  it("filters by days in the clinic's time zone, both ends inclusive", async () => {
    // Clinic A is in America/Sao_Paulo (UTC-3): its appointments at 12:00 UTC fall on the same local day.
    const p = await page('?from=2026-02-28&to=2026-03-01&limit=100');
    expect(p.data.map((a) => a.startsAt.slice(0, 10))).toEqual([
      '2026-03-01',
      '2026-03-01',
      '2026-02-28',
      '2026-02-28',
    ]);
  });

  it('keeps filters across pages', async () => {
    const { ids } = await walk('?status=scheduled&limit=3');
    const expected = (await page('?status=scheduled&limit=100')).data.map((a) => a.id);
    expect(ids).toEqual(expected);
    expect(ids.length).toBe(7);
  });

  it.each([
    ['from after to', '?from=2026-03-02&to=2026-03-01', 'query.to'],
    ['an impossible date', '?from=2026-02-30', 'query.from'],
    ['year zero', '?to=0000-01-01', 'query.to'],
    ['an unknown status', '?status=done', 'query.status'],
    ['a non-numeric patient id', '?patientId=abc', 'query.patientId'],
  ])('returns 400 with the offending field for %s', async (_name, query, field) => {
    const response = await fetch(`${s.url}/v1/appointments${query}`, { headers: bearer(TOKENS.clinicA) });
    const body = await expectProblem(response, 'bad-request');
    expect(body.errors?.map((e) => e.field)).toContain(field);
  });
});

describe('GET /v1/appointments/{id}', () => {
  it('returns one appointment of the clinic', async () => {
    const id = s.seeded.appointmentsA[3]!;
    const response = await fetch(`${s.url}/v1/appointments/${id}`, { headers: bearer(TOKENS.clinicA) });
    expect(response.status).toBe(200);
    expect(appointmentSchema.parse(await response.json()).id).toBe(id);
  });

  it('answers as UTF-8 JSON with the exact byte length, for one appointment and for a page', async () => {
    const id = s.seeded.appointmentsA[3]!;
    for (const path of [`/v1/appointments/${id}`, '/v1/appointments?limit=5']) {
      const response = await fetch(`${s.url}${path}`, { headers: bearer(TOKENS.clinicA) });
      const text = await response.text();
      expect(() => JSON.parse(text) as unknown, path).not.toThrow();
      expect(response.headers.get('content-type'), path).toBe('application/json; charset=utf-8');
      expect(Number(response.headers.get('content-length')), path).toBe(Buffer.byteLength(text));
    }
  });

  it('returns 404 for an id that does not exist', async () => {
    const response = await fetch(`${s.url}/v1/appointments/999999999`, { headers: bearer(TOKENS.clinicA) });
    await expectProblem(response, 'not-found');
  });

  it.each(['abc', '0', '-1', '1.5', '1234567890123456789012'])('returns 400 for the id %s', async (id) => {
    const response = await fetch(`${s.url}/v1/appointments/${id}`, { headers: bearer(TOKENS.clinicA) });
    const body = await expectProblem(response, 'bad-request');
    expect(body.errors?.[0]?.field).toBe('params.id');
  });

  it('returns 403 for an internal role', async () => {
    const response = await fetch(`${s.url}/v1/appointments/${s.seeded.appointmentsA[0]!}`, {
      headers: bearer(TOKENS.product),
    });
    await expectProblem(response, 'forbidden');
  });
});
