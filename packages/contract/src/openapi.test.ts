import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { insightsEndpoints } from './insights.ts';
import { buildOpenApiDocument, pathRegistrars } from './openapi.ts';

const document = buildOpenApiDocument();
interface Operation {
  security?: unknown[];
  responses: Record<string, { content?: Record<string, unknown> }>;
}

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(document as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(document.openapi).toBe('3.1.0');
  });

  it('documents every feature registered in pathRegistrars', () => {
    const paths = Object.keys(document.paths ?? {});
    expect(pathRegistrars.length).toBeGreaterThanOrEqual(5);
    for (const path of ['/v1/clinic', '/v1/appointments', '/v1/report-runs', '/healthz'])
      expect(paths).toContain(path);
    for (const endpoint of insightsEndpoints) expect(paths).toContain(endpoint.path);
  });

  it('describes errors of authenticated operations as application/problem+json', () => {
    const operations = Object.values(document.paths ?? {}).flatMap((item) =>
      Object.values(item as Record<string, Operation>),
    );
    const secured = operations.filter((op) => (op.security ?? []).length > 0);
    expect(secured.length).toBeGreaterThan(5);
    for (const op of secured) {
      expect(op.responses['401']?.content).toHaveProperty(['application/problem+json']);
    }
  });

  it('builds a document with only the registrars it is given', () => {
    const platformOnly = buildOpenApiDocument([pathRegistrars[0]!]);
    expect(Object.keys(platformOnly.paths ?? {})).not.toContain('/v1/report-runs');
  });
});
