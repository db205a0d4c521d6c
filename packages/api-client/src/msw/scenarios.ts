// Failure scenarios as MSW handlers. Each builds its body with problem() from @repo/contract, so a mock
// answers exactly what the API would; `scenarioCatalog` lists them as data for contract checks (Pact).
import { delay, http, HttpResponse, type HttpHandler } from 'msw';
import { problem, type FieldError, type Problem } from '@repo/contract';
import { apiPath, problemResponse } from './mock-api.ts';

export interface ScenarioTarget {
  /** HTTP method to break; all methods by default. */
  method?: 'get' | 'post' | 'all';
  /** API path pattern (MSW syntax, e.g. `/v1/report-runs/:id`); every API route by default. */
  path?: string;
}

function on(target: ScenarioTarget, resolver: Parameters<typeof http.all>[1]): HttpHandler[] {
  const path = apiPath(target.path ?? '/v1/*');
  return [http[target.method ?? 'all'](path, resolver)];
}

export const scenarioProblems = {
  serverError: (): Problem => problem('internal', { detail: 'Something went wrong on our side.' }),
  rateLimited: (retryAfterSeconds: number): Problem =>
    problem('rate-limited', { detail: 'Too many requests for this company.', retryAfterSeconds }),
  validationError: (fields: FieldError[]): Problem =>
    problem('validation', { detail: 'The request body is invalid.', errors: fields }),
  unauthorized: (): Problem =>
    problem('unauthorized', { detail: 'The token is missing, invalid or revoked.' }),
  forbidden: (): Problem => problem('forbidden', { detail: 'Your role cannot do this.' }),
  notFound: (): Problem => problem('not-found', { detail: 'No such resource for this company.' }),
  conflict: (): Problem => problem('conflict', { detail: 'The run is already finished.' }),
};

export const defaultFieldErrors: FieldError[] = [
  { field: 'parameters.to', message: 'the period may cover at most 366 days', code: 'custom' },
];

/** 500 internal error. */
export const serverError = (target: ScenarioTarget = {}): HttpHandler[] =>
  on(target, () => problemResponse(scenarioProblems.serverError()));

/** The connection fails before any response (offline, DNS, connection refused). */
export const networkError = (target: ScenarioTarget = {}): HttpHandler[] =>
  on(target, () => HttpResponse.error());

/** The server never answers; the client's timeout must fire. */
export const timeout = (target: ScenarioTarget = {}): HttpHandler[] =>
  on(target, async () => {
    await delay('infinite');
    return HttpResponse.error();
  });

/** 429 with Retry-After (seconds) in header and body. */
export const rateLimited = (retryAfterSeconds: number, target: ScenarioTarget = {}): HttpHandler[] =>
  on(target, () =>
    problemResponse(scenarioProblems.rateLimited(retryAfterSeconds), {
      'Retry-After': String(retryAfterSeconds),
    }),
  );

/** 422 with field errors. */
export const validationError = (
  fields: FieldError[] = defaultFieldErrors,
  target: ScenarioTarget = {},
): HttpHandler[] => on(target, () => problemResponse(scenarioProblems.validationError(fields)));

export const unauthorized = (target: ScenarioTarget = {}): HttpHandler[] =>
  on(target, () => problemResponse(scenarioProblems.unauthorized()));

export const forbidden = (target: ScenarioTarget = {}): HttpHandler[] =>
  on(target, () => problemResponse(scenarioProblems.forbidden()));

export const notFound = (target: ScenarioTarget = {}): HttpHandler[] =>
  on(target, () => problemResponse(scenarioProblems.notFound()));

export const conflict = (target: ScenarioTarget = {}): HttpHandler[] =>
  on(target, () => problemResponse(scenarioProblems.conflict()));

/** 200 with a body that is not JSON at all. */
export const malformedJson = (target: ScenarioTarget = {}): HttpHandler[] =>
  on(
    target,
    () =>
      new HttpResponse('{"data": [', {
        status: 200,
        headers: { 'Content-Type': 'application/json', 'X-Request-Id': 'req-mock-malformed' },
      }),
  );

/** Delays every matching request by `ms`, then lets the next handler (usually the happy path) answer. */
export const slow = (ms: number, target: ScenarioTarget = {}): HttpHandler[] =>
  on(target, async () => {
    await delay(ms);
    return undefined;
  });

export const scenarioNames = [
  'success',
  'serverError',
  'networkError',
  'timeout',
  'rateLimited',
  'validationError',
  'unauthorized',
  'forbidden',
  'notFound',
  'conflict',
  'malformedJson',
  'slow',
] as const;
export type ScenarioName = (typeof scenarioNames)[number];

export interface ScenarioInfo {
  name: ScenarioName;
  description: string;
  /** HTTP status the scenario answers with; null when there is no response (network, timeout). */
  status: number | null;
  /** The problem+json body, when the scenario answers with one. */
  problem: Problem | null;
  headers: Record<string, string>;
  /** Handlers with default arguments, for the mock-mode switcher and catalog-driven tests. */
  handlers: () => HttpHandler[];
}

export const SCENARIO_RETRY_AFTER_SECONDS = 30;
export const SCENARIO_SLOW_MS = 1_500;

/** Every scenario, as data: the Pact suite proves each problem body matches a provider interaction. */
export const scenarioCatalog: readonly ScenarioInfo[] = [
  {
    name: 'success',
    description: 'The API answers normally.',
    status: 200,
    problem: null,
    headers: {},
    handlers: () => [],
  },
  {
    name: 'serverError',
    description: '500 problem+json',
    status: 500,
    problem: scenarioProblems.serverError(),
    headers: {},
    handlers: () => serverError(),
  },
  {
    name: 'networkError',
    description: 'No response: connection refused, DNS or offline',
    status: null,
    problem: null,
    headers: {},
    handlers: () => networkError(),
  },
  {
    name: 'timeout',
    description: 'No response before the client timeout',
    status: null,
    problem: null,
    headers: {},
    handlers: () => timeout(),
  },
  {
    name: 'rateLimited',
    description: `429 with Retry-After: ${SCENARIO_RETRY_AFTER_SECONDS}`,
    status: 429,
    problem: scenarioProblems.rateLimited(SCENARIO_RETRY_AFTER_SECONDS),
    headers: { 'Retry-After': String(SCENARIO_RETRY_AFTER_SECONDS) },
    handlers: () => rateLimited(SCENARIO_RETRY_AFTER_SECONDS),
  },
  {
    name: 'validationError',
    description: '422 with field errors (on create)',
    status: 422,
    problem: scenarioProblems.validationError(defaultFieldErrors),
    headers: {},
    handlers: () => validationError(defaultFieldErrors, { method: 'post', path: '/v1/report-runs' }),
  },
  {
    name: 'unauthorized',
    description: '401: the token is invalid or revoked',
    status: 401,
    problem: scenarioProblems.unauthorized(),
    headers: {},
    handlers: () => unauthorized(),
  },
  {
    name: 'forbidden',
    description: '403: the role may not do this',
    status: 403,
    problem: scenarioProblems.forbidden(),
    headers: {},
    handlers: () => forbidden(),
  },
  {
    name: 'notFound',
    description: '404 on report runs',
    status: 404,
    problem: scenarioProblems.notFound(),
    headers: {},
    handlers: () => notFound({ path: '/v1/report-runs*' }),
  },
  {
    name: 'conflict',
    description: '409 on cancel',
    status: 409,
    problem: scenarioProblems.conflict(),
    headers: {},
    handlers: () => conflict({ method: 'post', path: '/v1/report-runs/:id/cancel' }),
  },
  {
    name: 'malformedJson',
    description: '200 with a body that is not JSON',
    status: 200,
    problem: null,
    headers: {},
    handlers: () => malformedJson({ method: 'get' }),
  },
  {
    name: 'slow',
    description: `Every answer ${SCENARIO_SLOW_MS} ms late`,
    status: 200,
    problem: null,
    headers: {},
    handlers: () => slow(SCENARIO_SLOW_MS),
  },
];
