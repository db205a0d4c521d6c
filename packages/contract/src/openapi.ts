// The OpenAPI 3.1 document of the API, generated from the same zod schemas the API validates with
// (decision 021). Every feature registers its paths in a function listed in `pathRegistrars`.
import {
  OpenAPIRegistry,
  OpenApiGeneratorV31,
  type ResponseConfig,
  type RouteConfig,
} from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { PROBLEM_CONTENT_TYPE, problemSchema, problemTypes, type ProblemSlug } from './problem.ts';
import { clinicSchema } from './companies.ts';
import {
  appointmentListQuerySchema,
  appointmentPageSchema,
  appointmentParamsSchema,
  appointmentSchema,
} from './appointments.ts';
import { registerInsightsPaths } from './insights.ts';
import { registerReportRunPaths } from './report-runs-openapi.ts';
// gen:openapi-imports (npm run gen endpoint adds registrar imports above this line)

export type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
export type PathRegistrar = (registry: OpenAPIRegistry) => void;

export const BEARER_AUTH = 'bearerAuth';
const problemComponent = problemSchema.meta({ id: 'Problem' });

/** Problems every authenticated route can answer with, on top of its own. */
export const commonProblems: ProblemSlug[] = ['unauthorized', 'rate-limited', 'internal', 'unavailable'];

/** Responses for the given problem types (several slugs may share a status, e.g. 409). */
export function problemResponses(...slugs: ProblemSlug[]): Record<number, ResponseConfig> {
  const byStatus = new Map<number, string[]>();
  for (const slug of new Set(slugs)) {
    const { status, title } = problemTypes[slug];
    byStatus.set(status, [...(byStatus.get(status) ?? []), `${slug}: ${title}`]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, lines]) => [
      status,
      {
        description: lines.join('; '),
        content: { [PROBLEM_CONTENT_TYPE]: { schema: problemComponent } },
      },
    ]),
  );
}

export function jsonResponse(description: string, schema: z.ZodType): ResponseConfig {
  return { description, content: { 'application/json': { schema } } };
}

/** Registers an authenticated /v1 route with the common problem responses added. */
export function registerRoute(
  registry: OpenAPIRegistry,
  route: RouteConfig & { problems?: ProblemSlug[] },
): void {
  const { problems = [], responses, ...rest } = route;
  registry.registerPath({
    security: [{ [BEARER_AUTH]: [] }],
    ...rest,
    responses: { ...problemResponses(...commonProblems, ...problems), ...responses },
  });
}

export function registerPlatformPaths(registry: OpenAPIRegistry): void {
  const text = (description: string): ResponseConfig => ({
    description,
    content: { 'text/plain': { schema: z.string() } },
  });
  registry.registerPath({
    method: 'get',
    path: '/healthz',
    summary: 'Liveness: the process serves HTTP',
    tags: ['platform'],
    responses: { 200: jsonResponse('Alive', z.object({ status: z.literal('ok') })) },
  });
  registry.registerPath({
    method: 'get',
    path: '/readyz',
    summary: 'Readiness: the database answers and every migration is applied',
    tags: ['platform'],
    responses: {
      200: jsonResponse('Ready', z.object({ status: z.literal('ready'), migration: z.number().int() })),
      ...problemResponses('unavailable'),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/metrics',
    summary: 'Prometheus metrics',
    tags: ['platform'],
    responses: { 200: text('Prometheus text exposition format') },
  });
  registry.registerPath({
    method: 'get',
    path: '/openapi.json',
    summary: 'This document',
    tags: ['platform'],
    responses: { 200: jsonResponse('OpenAPI 3.1 document', z.record(z.string(), z.unknown())) },
  });
}

export function registerClinicPaths(registry: OpenAPIRegistry): void {
  registerRoute(registry, {
    method: 'get',
    path: '/v1/clinic',
    operationId: 'getClinic',
    summary: "The calling clinic's profile",
    description: 'Internal roles (product, cs) belong to no clinic and get 403 forbidden.',
    tags: ['clinic'],
    problems: ['forbidden', 'not-found'],
    responses: { 200: jsonResponse('The clinic', clinicSchema) },
  });
}

export function registerAppointmentPaths(registry: OpenAPIRegistry): void {
  registerRoute(registry, {
    method: 'get',
    path: '/v1/appointments',
    operationId: 'listAppointments',
    summary: "The clinic's appointments, newest first, with cursor pagination",
    description:
      'Pass `nextCursor` of a page as `cursor` to get the next one; keep the same filters. ' +
      'A malformed cursor answers 400.',
    tags: ['appointments'],
    request: { query: appointmentListQuerySchema },
    problems: ['bad-request', 'forbidden'],
    responses: { 200: jsonResponse('A page of appointments', appointmentPageSchema) },
  });
  registerRoute(registry, {
    method: 'get',
    path: '/v1/appointments/{id}',
    operationId: 'getAppointment',
    summary: 'One appointment of the clinic',
    description: "Another clinic's appointment answers 404, like one that does not exist.",
    tags: ['appointments'],
    request: { params: appointmentParamsSchema },
    problems: ['bad-request', 'forbidden', 'not-found'],
    responses: { 200: jsonResponse('The appointment', appointmentSchema) },
  });
}

/** One line per feature: the order is the order of paths in the document. */
export const pathRegistrars: PathRegistrar[] = [
  registerPlatformPaths,
  registerClinicPaths,
  registerAppointmentPaths,
  registerInsightsPaths,
  registerReportRunPaths,
  // gen:openapi-registrars (npm run gen endpoint adds registrars above this line)
];

export function buildOpenApiDocument(registrars: PathRegistrar[] = pathRegistrars) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', BEARER_AUTH, {
    type: 'http',
    scheme: 'bearer',
    description: 'A per-clinic API token (internal users have their own)',
  });
  for (const register of registrars) register(registry);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Clinic reports API',
      version: '1.0.0',
      description:
        'Every error is RFC 9457 application/problem+json; see docs/reference/http-conventions.md.',
    },
    servers: [{ url: '/' }],
  });
}
