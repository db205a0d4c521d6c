// Scenarios from the capacity model: what a clinic, a report user, an internal analyst and (in the future)
// a patient do. Each turns into autocannon requests; tokens rotate over many clinics so caches and rate
// limits see a realistic spread instead of one hot company.
import type { Request as AutocannonRequest } from 'autocannon';

export interface Actor {
  companyId: string;
  token: string;
  patientIds: string[];
}

export interface ScenarioContext {
  actors: Actor[];
  /** Token of an internal (product) user, for insights. */
  internalToken?: string;
  /** Day range the seeded appointments cover (ISO dates). */
  from: string;
  to: string;
}

export const SCENARIOS = [
  'hello',
  'clinic-read',
  'clinic-browsing',
  'report-polling',
  'insights',
  'patient-reads',
] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export function isScenario(name: string): name is ScenarioName {
  return (SCENARIOS as readonly string[]).includes(name);
}

type Ctx = Record<string, unknown>;
const auth = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

/** Round-robin over actors; each autocannon connection keeps its own cursor in its context. */
function pick(ctx: ScenarioContext, state: object): Actor {
  const context = state as Ctx;
  const next = ((context.i as number | undefined) ?? Math.floor(Math.random() * ctx.actors.length)) + 1;
  context.i = next;
  const actor = ctx.actors[next % ctx.actors.length];
  if (!actor) throw new Error('the scenario needs at least one actor');
  return actor;
}

function get(path: (a: Actor) => string, ctx: ScenarioContext): AutocannonRequest {
  return {
    method: 'GET',
    setupRequest: (req, context) => {
      const actor = pick(ctx, context);
      return { ...req, path: path(actor), headers: { ...req.headers, ...auth(actor.token) } };
    },
  };
}

export function requestsFor(name: ScenarioName, ctx: ScenarioContext): AutocannonRequest[] {
  switch (name) {
    case 'hello':
      // The same client-side work as clinic-read (an actor's bearer header per request): the load generator
      // shares the machine, so a cheaper request to generate would tilt the ratio towards the baseline.
      return ctx.actors.length > 0 ? [get(() => '/', ctx)] : [{ method: 'GET', path: '/' }];
    case 'clinic-read':
      return [get(() => '/v1/clinic', ctx)];
    case 'clinic-browsing':
      // Open the clinic, then the day's agenda and the week's, as a receptionist does.
      return [
        get(() => '/v1/clinic', ctx),
        get(() => `/v1/appointments?from=${ctx.to}&to=${ctx.to}&limit=20`, ctx),
        get(() => `/v1/appointments?from=${ctx.from}&to=${ctx.to}&status=scheduled&limit=20`, ctx),
      ];
    case 'patient-reads':
      // Future: a patient opens their own appointments.
      return [
        get((a) => {
          const patient = a.patientIds[Math.floor(Math.random() * Math.max(a.patientIds.length, 1))] ?? '1';
          return `/v1/appointments?patientId=${patient}&limit=10`;
        }, ctx),
      ];
    case 'insights':
      // Product and CS dashboards: precomputed views, read with an internal token.
      return ['kpis', 'retention', 'no-show', 'health', 'feature-adoption'].map((name) => ({
        method: 'GET',
        path: `/v1/insights/${name}`,
        headers: auth(ctx.internalToken ?? ctx.actors[0]?.token ?? ''),
      }));
    case 'report-polling':
      // Create a small report (idempotent key per attempt), then poll it.
      return [
        {
          method: 'POST',
          setupRequest: (req, context) => {
            const actor = pick(ctx, context);
            (context as Ctx).token = actor.token;
            return {
              ...req,
              path: '/v1/report-runs',
              headers: {
                ...req.headers,
                ...auth(actor.token),
                'content-type': 'application/json',
                'idempotency-key': `lt-${Date.now()}-${Math.random().toString(36).slice(2)}`,
              },
              body: JSON.stringify({
                type: 'appointments',
                format: 'csv',
                parameters: { from: ctx.to, to: ctx.to },
              }),
            };
          },
          onResponse: (status, body, context) => {
            if (status === 202) (context as Ctx).runId = (JSON.parse(body) as { id: string }).id;
          },
        },
        {
          method: 'GET',
          setupRequest: (req, context) => {
            const c = context as { runId?: string; token?: string };
            return {
              ...req,
              path: `/v1/report-runs/${c.runId ?? '0'}`,
              headers: { ...req.headers, ...auth(c.token ?? '') },
            };
          },
        },
      ];
  }
}
