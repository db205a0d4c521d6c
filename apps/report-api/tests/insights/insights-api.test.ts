import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import {
  buildOpenApiDocument,
  churnDriversResponseSchema,
  correlationsResponseSchema,
  healthResponseSchema,
  insightsEndpoints,
  lifecycleResponseSchema,
  noShowResponseSchema,
  problemSchema,
  slugOf,
} from '@repo/contract';
import {
  bearer,
  CLINIC_ID,
  PATIENT_SECRETS,
  startInsightsServer,
  TINY_CLINIC_ID,
  TOKENS,
  type InsightsServer,
} from './harness.ts';

let s: InsightsServer;
beforeAll(async () => {
  s = await startInsightsServer();
});
afterAll(async () => {
  await s.stop();
});

const clinicEndpoints = insightsEndpoints.filter((e) => e.clinic).map((e) => e.path);
const internalOnly = insightsEndpoints.filter((e) => !e.clinic).map((e) => e.path);

async function get(path: string, token: string): Promise<Response> {
  return fetch(`${s.url}${path}`, { headers: bearer(token) });
}

async function expectProblem(response: Response, slug: string): Promise<void> {
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = problemSchema.parse(await response.json());
  expect(slugOf(body.type)).toBe(slug);
  expect(body.status).toBe(response.status);
}

describe('GET /v1/insights/* for internal roles', () => {
  it.each(insightsEndpoints.map((e) => [e.path, e] as const))(
    'answers %s to product and cs with rows that match the contract',
    async (path, endpoint) => {
      for (const token of [TOKENS.product, TOKENS.cs]) {
        const response = await get(path, token);
        expect(response.status).toBe(200);
        const body = endpoint.response.parse(await response.json()) as {
          data: unknown[];
          meta: { scope: string; anchorAt: string | null };
        };
        expect(body.data.length).toBeGreaterThan(0);
        if (path !== '/v1/insights/metrics')
          expect(body.meta).toMatchObject({ scope: 'all', anchorAt: expect.any(String) });
      }
    },
  );

  it('flags correlations with their n, confidence interval and p-value', async () => {
    const response = await get('/v1/insights/correlations?outcome=churned', TOKENS.product);
    const { data } = correlationsResponseSchema.parse(await response.json());
    expect(data.every((row) => row.y === 'churned')).toBe(true);
    const activity = data.find((row) => row.x === 'active_days_per_week');
    expect(activity).toMatchObject({ n: 41 });
    expect(activity?.pearsonR).toBeLessThan(0);
    expect(activity?.pValue).toBeLessThan(0.05);
    expect(activity?.pearsonCiHigh).toBeLessThan(0);
    const weak = data.filter((row) => Math.abs(row.pearsonR ?? 0) < 0.3);
    expect(weak.length).toBeGreaterThan(0);
    for (const row of weak) expect(row.flags).toContain('weak');
  });

  it('ranks churn drivers by the size of their odds ratio', async () => {
    const response = await get('/v1/insights/churn-drivers', TOKENS.cs);
    const { data } = churnDriversResponseSchema.parse(await response.json());
    const strengths = data.map((row) => Math.abs(Math.log(row.oddsRatio)));
    expect(strengths).toEqual([...strengths].sort((a, b) => b - a));
    const activity = data.find((row) => row.driver === 'low_active_days');
    expect(activity?.oddsRatio).toBeGreaterThan(2);
    expect(activity?.ciLow).toBeLessThan(activity?.oddsRatio ?? 0);
  });

  it('filters the no-show drivers by factor and shows the rate rising with lead time', async () => {
    const response = await get('/v1/insights/no-show?factor=lead_time&period=all&plan=all', TOKENS.product);
    const { data } = noShowResponseSchema.parse(await response.json());
    expect(data.map((row) => row.bucket)).toEqual(['0', '1-2', '3-7', '8-15', '16-30', '31+']);
    expect(data[5]?.noShowRate).toBeGreaterThan((data[0]?.noShowRate ?? 1) + 0.1);
  });

  it('lists clinics at risk, weakest first, each with a reason or a drop', async () => {
    const response = await get('/v1/insights/health?atRisk=true&status=any&limit=500', TOKENS.cs);
    const { data } = healthResponseSchema.parse(await response.json());
    expect(data.length).toBeGreaterThan(0);
    expect(data.map((row) => row.score)).toEqual([...data.map((row) => row.score)].sort((a, b) => a - b));
    for (const row of data) {
      expect(row.atRisk).toBe(true);
      expect(row.reasons.length > 0 || row.trend <= -15).toBe(true);
    }
    const healthy = await get('/v1/insights/health?atRisk=false&status=any&limit=500', TOKENS.cs);
    const rest = healthResponseSchema.parse(await healthy.json()).data;
    expect(rest.every((row) => !row.atRisk)).toBe(true);
    expect(data.length + rest.length).toBe(41);
  });

  it('narrows lifecycle to a period and a plan segment', async () => {
    const response = await get(
      '/v1/insights/lifecycle?from=2026-03-01&to=2026-03-31&plan=pro',
      TOKENS.product,
    );
    const { data } = lifecycleResponseSchema.parse(await response.json());
    expect(data.length).toBeGreaterThanOrEqual(4);
    expect(
      data.every((row) => row.plan === 'pro' && row.week >= '2026-02-23' && row.week <= '2026-03-31'),
    ).toBe(true);
  });
});

describe('clinic tokens', () => {
  it.each(clinicEndpoints)("answers %s with the caller's own clinic only", async (path) => {
    const response = await get(path, TOKENS.clinic);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { meta: { scope: string } };
    if (path !== '/v1/insights/metrics') expect(body.meta.scope).toBe('clinic');
  });

  it("returns only the clinic's own health row", async () => {
    const response = await get('/v1/insights/health?status=any', TOKENS.clinic);
    const { data } = healthResponseSchema.parse(await response.json());
    expect(data.map((row) => row.companyId)).toEqual([CLINIC_ID]);
  });

  it("returns the clinic's own lifecycle, not the totals of every clinic", async () => {
    const own = lifecycleResponseSchema.parse(
      await (await get('/v1/insights/lifecycle', TOKENS.clinic)).json(),
    );
    for (const row of own.data) expect(row.new + row.returning + row.resurrecting + row.dormant).toBe(1);
  });

  it.each(internalOnly)('returns 403 problem+json for %s, which compares clinics', async (path) => {
    await expectProblem(await get(path, TOKENS.clinic), 'forbidden');
  });
});

describe('privacy (LGPD)', () => {
  it('suppresses and marks groups with fewer than k patients', async () => {
    const response = await get('/v1/insights/no-show', TOKENS.tinyClinic);
    const body = noShowResponseSchema.parse(await response.json());
    expect(body.data.length).toBeGreaterThan(0);
    expect(body.meta).toMatchObject({ minPatientsPerGroup: 10, suppressedRows: body.data.length });
    for (const row of body.data) {
      expect(row).toMatchObject({
        suppressed: true,
        appointments: null,
        noShows: null,
        noShowRate: null,
        patients: null,
      });
    }
    const health = healthResponseSchema.parse(
      await (await get('/v1/insights/health', TOKENS.tinyClinic)).json(),
    );
    expect(health.data[0]).toMatchObject({
      companyId: TINY_CLINIC_ID,
      suppressed: true,
      attendance: null,
      patients: null,
    });
  });

  it('applies a configured k to every level, including the totals', async () => {
    const strict = await startInsightsServer({ minPatients: 10_000 });
    try {
      const response = await fetch(`${strict.url}/v1/insights/no-show`, { headers: bearer(TOKENS.product) });
      const body = noShowResponseSchema.parse(await response.json());
      expect(body.meta.minPatientsPerGroup).toBe(10_000);
      expect(body.data.every((row) => row.suppressed && row.noShowRate === null)).toBe(true);
      const csv = await fetch(`${strict.url}/v1/insights/kpis?format=csv`, {
        headers: bearer(TOKENS.product),
      });
      const rows = parse<Record<string, string>>(await csv.text(), { columns: true });
      expect(
        rows.every((row) => row.suppressed === 'true' && row.noShowRate === '' && row.revenueCents === ''),
      ).toBe(true);
    } finally {
      await strict.stop();
    }
  });

  it('never lets a patient identifier or personal field leave through any endpoint, JSON or CSV', async () => {
    const tokens = [TOKENS.product, TOKENS.cs, TOKENS.clinic, TOKENS.tinyClinic];
    const { rows: ids } = await s.t.pool.query<{ id: string }>(
      "SELECT id::text FROM patients WHERE external_ref IN ('p-1-7', 'p-41-2')",
    );
    for (const endpoint of insightsEndpoints) {
      for (const token of tokens) {
        const all = endpoint.path.endsWith('/health') ? '?status=any&limit=20000' : '';
        for (const url of [`${endpoint.path}${all}`, `${endpoint.path}/export.csv${all}`]) {
          const response = await get(url, token);
          if (response.status !== 200) continue;
          const text = await response.text();
          for (const secret of PATIENT_SECRETS)
            expect(text, `${endpoint.path} ${secret}`).not.toContain(secret);
          expect(text).not.toMatch(/patient_?id|email|"name":"Maria/i);
          for (const { id } of ids) expect(text).not.toMatch(new RegExp(`"(patientId|id)":"?${id}\\b`));
        }
      }
    }
  });
});

describe('CSV export', () => {
  it.each(insightsEndpoints.map((e) => [e.path, e] as const))(
    'exports %s as CSV with the same rows and a header from the contract',
    async (path, endpoint) => {
      const json = (await (await get(path, TOKENS.product)).json()) as { data: unknown[] };
      for (const url of [`${path}?format=csv`, `${path}/export.csv`]) {
        const response = await get(url, TOKENS.product);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
        expect(response.headers.get('content-disposition')).toMatch(
          /^attachment; filename="insights-.+\.csv"$/,
        );
        const text = await response.text();
        const [header] = text.split(/\r?\n/);
        expect(header?.split(',')).toEqual(Object.keys(endpoint.row.shape));
        const rows = parse<Record<string, string>>(text, { columns: true });
        expect(rows).toHaveLength(json.data.length);
      }
    },
  );

  it('joins list cells such as flags and reasons with a semicolon', async () => {
    const response = await get('/v1/insights/correlations/export.csv', TOKENS.product);
    const rows = parse<Record<string, string>>(await response.text(), { columns: true });
    expect(rows.some((row) => row.flags?.includes(';'))).toBe(true);
  });
});

describe('errors', () => {
  it.each([
    ['/v1/insights/kpis?plan=gold', 'query.plan'],
    ['/v1/insights/kpis?from=yesterday', 'query.from'],
    ['/v1/insights/lifecycle?from=2026-05-01&to=2026-04-01', 'query.from'],
    ['/v1/insights/health?limit=0', 'query.limit'],
    ['/v1/insights/no-show?period=forever', 'query.period'],
    ['/v1/insights/correlations?format=xml', 'query.format'],
  ])('returns 400 problem+json naming the field for %s', async (path, field) => {
    const response = await get(path, TOKENS.product);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = problemSchema.parse(await response.json());
    expect(body.errors?.map((e) => e.field)).toContain(field);
  });

  it('returns 401 problem+json without a token', async () => {
    await expectProblem(await fetch(`${s.url}/v1/insights/kpis`), 'unauthorized');
  });

  it('returns 503 with Retry-After before the first refresh instead of failing', async () => {
    const fresh = await startInsightsServer({ refresh: false });
    try {
      const response = await fetch(`${fresh.url}/v1/insights/health`, { headers: bearer(TOKENS.cs) });
      expect(response.headers.get('retry-after')).toBe('60');
      await expectProblem(response, 'unavailable');
      const catalog = await fetch(`${fresh.url}/v1/insights/metrics`, { headers: bearer(TOKENS.cs) });
      expect(catalog.status).toBe(200);
    } finally {
      await fresh.stop();
    }
  });
});

describe('OpenAPI', () => {
  it('documents every insights endpoint with JSON and CSV responses', () => {
    const document = buildOpenApiDocument() as {
      paths: Record<string, { get?: { responses: Record<string, { content?: Record<string, unknown> }> } }>;
    };
    for (const endpoint of insightsEndpoints) {
      const content = document.paths[endpoint.path]?.get?.responses['200']?.content ?? {};
      expect(Object.keys(content)).toEqual(['application/json', 'text/csv']);
    }
  });
});
