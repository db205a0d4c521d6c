// Mocks tied to contracts: the MSW scenarios the web tests run on must answer what the provider has been
// verified to answer. Every error interaction in the committed pact is replayed against the MSW scenario
// of its status, and every scenario either satisfies an interaction or, where no interaction can exist
// (a 500, no response at all), the contract schema.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemSchema, problemTypes, PROBLEM_CONTENT_TYPE } from '@repo/contract';
import { scenarioCatalog, type ScenarioName } from '../msw/index.ts';
import { responseMismatches, type PactFile, type PactInteraction } from './pact-match.ts';
import { COMMITTED_PACTS_DIR, CONSUMER, PROVIDER } from './pact-names.ts';

const pact = JSON.parse(
  readFileSync(join(COMMITTED_PACTS_DIR, `${CONSUMER}-${PROVIDER}.json`), 'utf8'),
) as PactFile;
const errorInteractions = pact.interactions.filter((i) => i.response.status >= 400);

/** Which scenario stands for which status in the web tests. */
const scenarioForStatus: Record<number, ScenarioName> = {
  401: 'unauthorized',
  403: 'forbidden',
  404: 'notFound',
  409: 'conflict',
  422: 'validationError',
  429: 'rateLimited',
  500: 'serverError',
};
/** Scenarios with no HTTP response or no error body: the contract has nothing to say about them. */
const withoutResponse: ScenarioName[] = ['networkError', 'timeout', 'slow', 'success'];

const ORIGIN = 'http://api.contract.test';
const server = setupServer();
beforeAll(() => {
  server.listen({ onUnhandledFrame: 'error' });
});
afterAll(() => {
  server.close();
});

async function replay(interaction: PactInteraction, scenario: ScenarioName) {
  const info = scenarioCatalog.find((s) => s.name === scenario);
  if (!info) throw new Error(`no MSW scenario named ${scenario}`);
  server.resetHandlers(...info.handlers());
  const query = Object.entries(interaction.request.query ?? {})
    .flatMap(([k, vs]) => vs.map((v) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`))
    .join('&');
  const response = await fetch(`${ORIGIN}${interaction.request.path}${query ? `?${query}` : ''}`, {
    method: interaction.request.method,
    headers: { Authorization: 'Bearer contract-token', 'Content-Type': 'application/json' },
    ...(interaction.request.method === 'POST' ? { body: '{}' } : {}),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: JSON.parse(text) as unknown };
}

describe('MSW scenarios <-> the committed report-web/report-api pact', () => {
  it('the pact has error interactions for 401, 403, 404, 409, 422 and 429', () => {
    expect([...new Set(errorInteractions.map((i) => i.response.status))].sort()).toEqual([
      401, 403, 404, 409, 422, 429,
    ]);
  });

  it.each(errorInteractions.map((i) => [i.response.status, i.description, i] as const))(
    'every error interaction has a matching MSW scenario: %i %s',
    async (status, _description, interaction) => {
      const scenario = scenarioForStatus[status];
      if (!scenario) throw new Error(`no MSW scenario stands for ${String(status)}`);
      const actual = await replay(interaction, scenario);
      expect(responseMismatches(interaction.response, actual)).toEqual([]);
    },
  );

  it.each(scenarioCatalog.map((s) => [s.name, s] as const))(
    'MSW scenario %s matches a contract interaction or the contract schema',
    (name, info) => {
      if (withoutResponse.includes(name)) {
        expect(info.problem).toBeNull();
        return;
      }
      if (name === 'malformedJson') {
        // A deliberate contract breach: the client must reject it, which the client's tests prove.
        expect(info.problem).toBeNull();
        expect(info.status).toBe(200);
        return;
      }
      const body = problemSchema.parse(info.problem);
      expect(body.status).toBe(info.status);
      const slug = Object.entries(problemTypes).find(([, t]) => t.status === body.status)?.[0];
      expect(slug, `problem status ${String(body.status)} is a known problem type`).toBeDefined();
      const covered = errorInteractions.some((i) => i.response.status === info.status);
      if (!covered) {
        // No interaction can pin a 500 on a healthy provider: the schema and the type table are the contract.
        expect(name).toBe('serverError');
        expect(body.type).toBe(`https://clinic-reports.dev/problems/internal`);
      }
    },
  );

  it('scenario responses are application/problem+json with the request id header', async () => {
    const interaction = errorInteractions.find((i) => i.response.status === 401);
    if (!interaction) throw new Error('no 401 interaction in the pact');
    const actual = await replay(interaction, 'unauthorized');
    expect(actual.headers.get('content-type')).toBe(PROBLEM_CONTENT_TYPE);
    expect(actual.headers.get('x-request-id')).not.toBeNull();
  });
});
