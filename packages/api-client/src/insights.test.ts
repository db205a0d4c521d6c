import { describe, expect, it } from 'vitest';
import { lifecycleResponseSchema, problem } from '@repo/contract';
import { createApiClient } from './client.ts';

function clientAnswering(response: () => Response, seen: string[] = []) {
  return createApiClient({
    baseUrl: 'http://api.test',
    getToken: () => 'demo-product',
    retry: { retries: 0 },
    fetch: (input) => {
      seen.push(input instanceof Request ? input.url : input.toString());
      return Promise.resolve(response());
    },
  });
}

describe('insights methods', () => {
  it('getInsight sends the filters and returns the rows checked against the contract schema', async () => {
    const seen: string[] = [];
    const body = {
      data: [{ week: '2026-11-16', plan: 'pro', new: 1, returning: 2, resurrecting: 0, dormant: 1 }],
      meta: { anchorAt: null, scope: 'all', minPatientsPerGroup: 10, suppressedRows: 0 },
    };
    const api = clientAnswering(() => Response.json(body), seen);
    const result = await api.getInsight(
      'lifecycle',
      { plan: 'pro', from: undefined },
      lifecycleResponseSchema,
    );
    expect(result).toEqual(body);
    expect(seen).toEqual(['http://api.test/v1/insights/lifecycle?plan=pro']);
  });

  it('getInsight turns a response that breaks the contract into an unexpected error', async () => {
    const api = clientAnswering(() => Response.json({ data: 'nope' }));
    await expect(api.getInsight('lifecycle', {}, lifecycleResponseSchema)).rejects.toMatchObject({
      kind: 'unexpected',
    });
  });

  it('downloadInsightCsv returns the file named by Content-Disposition', async () => {
    const seen: string[] = [];
    const api = clientAnswering(
      () =>
        new Response('a,b\r\n1,2\r\n', {
          headers: {
            'Content-Type': 'text/csv',
            'Content-Disposition': 'attachment; filename="insights-health.csv"',
          },
        }),
      seen,
    );
    const file = await api.downloadInsightCsv('health', { atRisk: 'true' });
    expect(file).toMatchObject({ fileName: 'insights-health.csv', contentType: 'text/csv', byteSize: 10 });
    expect(seen).toEqual(['http://api.test/v1/insights/health/export.csv?atRisk=true']);
  });

  it('downloadInsightCsv surfaces a problem+json answer as a typed error', async () => {
    const api = clientAnswering(() =>
      Response.json(problem('forbidden'), {
        status: 403,
        headers: { 'Content-Type': 'application/problem+json' },
      }),
    );
    await expect(api.downloadInsightCsv('kpis', {})).rejects.toMatchObject({ kind: 'forbidden' });
  });
});
