// The happy path of the report API as MSW handlers, with a little in-memory state so the web app can be
// used by hand in mock mode: runs advance queued -> running -> succeeded as they are polled.
import { http, HttpResponse, type HttpHandler } from 'msw';
import {
  createReportRunSchema,
  problem,
  PROBLEM_CONTENT_TYPE,
  reportRunListQuerySchema,
  type FieldError,
  type Problem,
  type ReportRun,
  type ReportRunPage,
} from '@repo/contract';
import type { AppointmentPage, Clinic } from '../resources.ts';
import {
  appointmentsFixture,
  csvFixture,
  demoTokens,
  reportRunFixture,
  reportRunsFixture,
} from './fixtures.ts';

/** Matches the API on any origin, so the same handlers serve tests (absolute URLs) and the browser. */
export const apiPath = (path: string): string => `*${path}`;

export const MOCK_REQUEST_ID = 'req-mock-0001';

export function problemResponse(body: Problem, headers: Record<string, string> = {}): HttpResponse<Problem> {
  return HttpResponse.json(
    { ...body, requestId: body.requestId ?? MOCK_REQUEST_ID },
    {
      status: body.status,
      headers: {
        'Content-Type': PROBLEM_CONTENT_TYPE,
        'X-Request-Id': body.requestId ?? MOCK_REQUEST_ID,
        ...headers,
      },
    },
  );
}

export interface MockApiOptions {
  runs?: ReportRun[];
  /** GETs of an active run before it advances one state (0: every GET advances). */
  pollsPerStep?: number;
}

export interface MockApi {
  handlers: HttpHandler[];
  runs: () => ReportRun[];
}

function authenticate(request: Request): Clinic | undefined {
  const header = request.headers.get('Authorization') ?? '';
  const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
  return token in demoTokens ? demoTokens[token as keyof typeof demoTokens] : undefined;
}

const unauthenticated = (): HttpResponse<Problem> =>
  problemResponse(problem('unauthorized', { detail: 'Sign in with a valid company token.' }));

export function createMockApi(options: MockApiOptions = {}): MockApi {
  let runs = (options.runs ?? reportRunsFixture).map((run) => ({ ...run }));
  const polls = new Map<string, number>();
  const byKey = new Map<string, ReportRun>();
  let sequence = 0;
  const pollsPerStep = options.pollsPerStep ?? 0;

  function advance(run: ReportRun): ReportRun {
    if (run.status !== 'queued' && run.status !== 'running') return run;
    const seen = (polls.get(run.id) ?? 0) + 1;
    polls.set(run.id, seen);
    if (seen <= pollsPerStep) return run;
    polls.set(run.id, 0);
    const now = new Date().toISOString();
    const next: ReportRun =
      run.status === 'queued'
        ? { ...run, status: 'running', startedAt: now, attempts: run.attempts + 1 }
        : {
            ...run,
            status: 'succeeded',
            finishedAt: now,
            expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
            file: reportRunFixture().file,
          };
    runs = runs.map((r) => (r.id === run.id ? next : r));
    return next;
  }

  const notFound = (id: string): HttpResponse<Problem> =>
    problemResponse(problem('not-found', { detail: `Report run ${id} was not found.` }));

  const handlers: HttpHandler[] = [
    http.get(apiPath('/v1/clinic'), ({ request }) => {
      const clinic = authenticate(request);
      return clinic ? HttpResponse.json(clinic) : unauthenticated();
    }),
    http.get(apiPath('/v1/report-runs'), ({ request }) => {
      if (!authenticate(request)) return unauthenticated();
      const url = new URL(request.url);
      const query = reportRunListQuerySchema.parse(Object.fromEntries(url.searchParams));
      for (const run of runs) advance(run);
      const matching = runs.filter(
        (run) => (!query.status || run.status === query.status) && (!query.type || run.type === query.type),
      );
      const start = query.cursor ? Number(query.cursor) : 0;
      const data = matching.slice(start, start + query.limit);
      const nextCursor = start + query.limit < matching.length ? String(start + query.limit) : null;
      return HttpResponse.json({ data, nextCursor } satisfies ReportRunPage);
    }),
    http.post(apiPath('/v1/report-runs'), async ({ request }) => {
      if (!authenticate(request)) return unauthenticated();
      const key = request.headers.get('Idempotency-Key');
      if (!key) {
        return problemResponse(problem('bad-request', { detail: 'The Idempotency-Key header is required.' }));
      }
      const existing = byKey.get(key);
      if (existing) return HttpResponse.json(existing, { status: 202 });
      const parsed = createReportRunSchema.safeParse(await request.json().catch(() => undefined));
      if (!parsed.success) {
        const errors: FieldError[] = parsed.error.issues.map((issue) => ({
          field: issue.path.join('.'),
          message: issue.message,
          code: issue.code,
        }));
        return problemResponse(problem('validation', { detail: 'The report request is invalid.', errors }));
      }
      sequence += 1;
      const run: ReportRun = {
        ...reportRunFixture(),
        id: `run-new-${sequence}`,
        type: parsed.data.type,
        format: parsed.data.format,
        parameters: { ...parsed.data.parameters },
        status: 'queued',
        createdAt: new Date().toISOString(),
        startedAt: null,
        finishedAt: null,
        expiresAt: null,
        attempts: 0,
        file: null,
      };
      runs = [run, ...runs];
      byKey.set(key, run);
      return HttpResponse.json(run, {
        status: 202,
        headers: { Location: `/v1/report-runs/${run.id}`, 'Retry-After': '1' },
      });
    }),
    http.get(apiPath('/v1/report-runs/:id'), ({ request, params }) => {
      if (!authenticate(request)) return unauthenticated();
      const run = runs.find((r) => r.id === params.id);
      return run ? HttpResponse.json(advance(run)) : notFound(String(params.id));
    }),
    http.post(apiPath('/v1/report-runs/:id/cancel'), ({ request, params }) => {
      if (!authenticate(request)) return unauthenticated();
      const run = runs.find((r) => r.id === params.id);
      if (!run) return notFound(String(params.id));
      if (run.status !== 'queued' && run.status !== 'running') {
        return problemResponse(problem('conflict', { detail: `A ${run.status} run cannot be canceled.` }));
      }
      const canceled: ReportRun = { ...run, status: 'canceled', canceledAt: new Date().toISOString() };
      runs = runs.map((r) => (r.id === run.id ? canceled : r));
      return HttpResponse.json(canceled);
    }),
    http.get(apiPath('/v1/report-runs/:id/file'), ({ request, params }) => {
      if (!authenticate(request)) return unauthenticated();
      const run = runs.find((r) => r.id === params.id);
      if (!run?.file) return notFound(String(params.id));
      return new HttpResponse(csvFixture, {
        headers: {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="${run.file.fileName}"`,
        },
      });
    }),
    http.get(apiPath('/v1/appointments'), ({ request }) => {
      if (!authenticate(request)) return unauthenticated();
      return HttpResponse.json({ data: appointmentsFixture, nextCursor: null } satisfies AppointmentPage);
    }),
  ];

  return { handlers, runs: () => runs };
}
