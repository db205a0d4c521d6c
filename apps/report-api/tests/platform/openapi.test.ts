import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { listRoutes } from '../../src/http/route-table.ts';
import { startTestServer, type TestServer } from './fixtures.ts';

let s: TestServer;
let doc: { openapi: string; paths: Record<string, Record<string, unknown>> };
beforeAll(async () => {
  s = await startTestServer();
  const response = await fetch(`${s.url}/openapi.json`);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  doc = (await response.json()) as typeof doc;
});
afterAll(async () => {
  await s.stop();
});

describe('GET /openapi.json', () => {
  it('serves a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('documents every route the app serves, with every method', () => {
    const served = listRoutes(s.app).flatMap((r) =>
      r.methods.map((m) => `${m.toLowerCase()} ${r.template.replace(/:(\w+)/g, '{$1}')}`),
    );
    const documented = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method} ${path}`),
    );
    expect(served.length).toBeGreaterThan(5);
    // Each list names what to fix: register the path in packages/contract (pathRegistrars), or remove it.
    expect({ undocumented: served.filter((r) => !documented.includes(r)) }).toEqual({ undocumented: [] });
    expect({ documentedButNotServed: documented.filter((r) => !served.includes(r)) }).toEqual({
      documentedButNotServed: [],
    });
  });

  it('documents the problem+json error responses of authenticated routes', () => {
    const get = doc.paths['/v1/appointments']!.get as { responses: Record<string, { content?: object }> };
    for (const status of ['400', '401', '429', '500', '503']) {
      expect(get.responses[status]?.content, status).toHaveProperty(['application/problem+json']);
    }
  });
});
