// OpenAPI paths of report runs and audit events, from the schemas in report-runs.ts. A file of its own
// because report-runs.ts is imported by appointments.ts, which openapi.ts imports (no import cycle).
import { z } from 'zod';
import { jsonResponse, registerRoute, type OpenAPIRegistry } from './openapi.ts';
import {
  auditEventListQuerySchema,
  auditEventPageSchema,
  createReportRunSchema,
  reportRunListQuerySchema,
  reportRunPageSchema,
  reportRunParamsSchema,
  reportRunSchema,
} from './report-runs.ts';

export function registerReportRunPaths(registry: OpenAPIRegistry): void {
  const run = jsonResponse('The report run', reportRunSchema);
  registerRoute(registry, {
    method: 'post',
    path: '/v1/report-runs',
    operationId: 'createReportRun',
    summary: 'Start generating a report (asynchronous, idempotent)',
    description:
      'Answers 202 with `Location` and `Retry-After`; poll the run until it succeeds, then download its file. ' +
      'The same Idempotency-Key with the same body answers 200 with the same run (`Idempotent-Replayed: true`); ' +
      'with another body 422; while the first request is still being processed 409. Keys are per clinic and kept 24 h.',
    tags: ['report-runs'],
    request: {
      headers: z.object({ 'Idempotency-Key': z.string().min(1).max(255) }),
      body: { content: { 'application/json': { schema: createReportRunSchema } } },
    },
    problems: [
      'bad-request',
      'forbidden',
      'validation',
      'idempotency-key-reused',
      'idempotency-in-progress',
      'payload-too-large',
      'unsupported-media-type',
    ],
    responses: {
      202: jsonResponse('Run created and queued', reportRunSchema),
      200: jsonResponse('Replay: the run created by the first request with this key', reportRunSchema),
    },
  });
  registerRoute(registry, {
    method: 'get',
    path: '/v1/report-runs',
    operationId: 'listReportRuns',
    summary: "The clinic's report runs, newest first, with cursor pagination",
    tags: ['report-runs'],
    request: { query: reportRunListQuerySchema },
    problems: ['bad-request', 'forbidden'],
    responses: { 200: jsonResponse('A page of report runs', reportRunPageSchema) },
  });
  registerRoute(registry, {
    method: 'get',
    path: '/v1/report-runs/{id}',
    operationId: 'getReportRun',
    summary: 'One report run (poll it; `Retry-After` while queued or running)',
    tags: ['report-runs'],
    request: { params: reportRunParamsSchema },
    problems: ['forbidden', 'not-found'],
    responses: { 200: run },
  });
  registerRoute(registry, {
    method: 'post',
    path: '/v1/report-runs/{id}/cancel',
    operationId: 'cancelReportRun',
    summary: 'Cancel a queued or running report run (idempotent)',
    tags: ['report-runs'],
    request: { params: reportRunParamsSchema },
    problems: ['forbidden', 'not-found', 'conflict'],
    responses: { 200: run },
  });
  const file = {
    'text/csv': { schema: z.string() },
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string() },
  };
  registerRoute(registry, {
    method: 'get',
    path: '/v1/report-runs/{id}/file',
    operationId: 'downloadReportRunFile',
    summary: 'Download the report file (ETag from its sha256, HTTP Range supported)',
    description: 'Answers 409 while the run is not finished and 410 once the file expired.',
    tags: ['report-runs'],
    request: { params: reportRunParamsSchema },
    problems: ['forbidden', 'not-found', 'conflict', 'gone', 'range-not-satisfiable'],
    responses: {
      200: { description: 'The whole file', content: file },
      206: { description: 'One byte range of the file', content: file },
      304: { description: 'Not modified (If-None-Match matched the ETag)' },
    },
  });
  registerRoute(registry, {
    method: 'get',
    path: '/v1/audit-events',
    operationId: 'listAuditEvents',
    summary: "The clinic's audit trail of report creation, download and cancellation (LGPD)",
    tags: ['audit'],
    request: { query: auditEventListQuerySchema },
    problems: ['bad-request', 'forbidden'],
    responses: { 200: jsonResponse('A page of audit events, newest first', auditEventPageSchema) },
  });
}
