// The typed client of the report API. One request pipeline for every method: an X-Request-Id, a bearer
// token, an AbortSignal timeout per attempt, bounded retries, and a parse of every outcome into either a
// schema-checked value or an ApiError. Nothing else ever leaves this module.
import {
  reportRunPageSchema,
  reportRunSchema,
  type CreateReportRun,
  type ReportRun,
  type ReportRunPage,
  type ReportRunStatus,
  type ReportType,
} from '@repo/contract';
import type { z } from 'zod';
import {
  createApiError,
  isApiError,
  parseProblem,
  variantForStatus,
  type ApiError,
  type ApiErrorVariant,
} from './errors.ts';
import {
  appointmentPageSchema,
  clinicSchema,
  type AppointmentListQuery,
  type AppointmentPage,
  type Clinic,
} from './resources.ts';
import { defaultRetry, retryDelayMs, sleep, type RetryOptions } from './retry.ts';
// gen:client-imports (npm run gen client adds schema imports above this line)

export interface ApiClientOptions {
  /** Origin (and optional prefix) of the API, e.g. `http://127.0.0.1:3000`; `''` for same-origin. */
  baseUrl: string;
  /** The bearer token of the signed-in company, or null when signed out. Called before every attempt. */
  getToken: () => string | null | undefined | Promise<string | null | undefined>;
  /** Defaults to the global fetch, looked up at call time (so MSW and test doubles are honoured). */
  fetch?: typeof fetch;
  /** Per-attempt timeout. */
  timeoutMs?: number;
  retry?: Partial<RetryOptions>;
  /** Source of randomness for jitter; injectable for tests. */
  random?: () => number;
  /** Source of request ids and idempotency keys. */
  newId?: () => string;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface ReportRunListQuery {
  limit?: number;
  cursor?: string;
  status?: ReportRunStatus;
  type?: ReportType;
}

export interface CreateOptions extends CallOptions {
  /** One key per create intent: pass the same key when the user retries the same submission. */
  idempotencyKey?: string;
}

export interface DownloadedFile {
  blob: Blob;
  fileName: string;
  contentType: string;
  byteSize: number;
}

export interface ApiClient {
  getClinic(options?: CallOptions): Promise<Clinic>;
  listReportRuns(query?: ReportRunListQuery, options?: CallOptions): Promise<ReportRunPage>;
  getReportRun(id: string, options?: CallOptions): Promise<ReportRun>;
  createReportRun(body: CreateReportRun, options?: CreateOptions): Promise<ReportRun>;
  cancelReportRun(id: string, options?: CallOptions): Promise<ReportRun>;
  /** The file's URL; it needs the bearer token, so browsers download through downloadReportFile. */
  downloadUrl(id: string): string;
  downloadReportFile(id: string, options?: CallOptions): Promise<DownloadedFile>;
  listAppointments(query?: AppointmentListQuery, options?: CallOptions): Promise<AppointmentPage>;
  /** A fresh idempotency key for a new create intent. */
  newIdempotencyKey(): string;
  /** GET /v1/insights/<name>, checked against the given contract schema (issue 7). */
  getInsight<S extends z.ZodType>(
    name: string,
    query: InsightQuery,
    schema: S,
    options?: CallOptions,
  ): Promise<z.infer<S>>;
  /** The same rows as a CSV file: GET /v1/insights/<name>/export.csv. */
  downloadInsightCsv(name: string, query: InsightQuery, options?: CallOptions): Promise<DownloadedFile>;
  // gen:client-interface (npm run gen client adds method signatures above this line)
}

export type InsightQuery = Record<string, string | number | undefined>;

interface RequestSpec<T> {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal | undefined;
  /** Reads a successful response into a value, or returns the reason it could not. */
  read: (response: Response) => Promise<{ ok: true; value: T } | { ok: false; reason: string }>;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

function queryString(query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function jsonReader<S extends z.ZodType>(schema: S) {
  return async (
    response: Response,
  ): Promise<{ ok: true; value: z.infer<S> } | { ok: false; reason: string }> => {
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { ok: false, reason: 'the response body is not valid JSON' };
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first?.path.join('.') ?? '';
      return {
        ok: false,
        reason: `the response does not match the contract at "${where}": ${first?.message ?? ''}`,
      };
    }
    return { ok: true, value: parsed.data };
  };
}

function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1] ?? fallback;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const retry: RetryOptions = { ...defaultRetry, ...options.retry };
  const random = options.random ?? Math.random;
  const newId = options.newId ?? (() => crypto.randomUUID());
  const doFetch: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  async function attempt<T>(spec: RequestSpec<T>, requestId: string): Promise<T> {
    const common = { requestId, method: spec.method, path: spec.path };
    const fail = (variant: ApiErrorVariant, cause?: unknown, serverRequestId?: string | null): ApiError =>
      createApiError({ ...common, ...variant, requestId: serverRequestId ?? requestId }, cause);

    const timeoutSignal = AbortSignal.timeout(timeoutMs);
    const signal = spec.signal ? AbortSignal.any([spec.signal, timeoutSignal]) : timeoutSignal;
    const abortVariant = (): ApiErrorVariant | undefined => {
      if (spec.signal?.aborted) return { kind: 'aborted' };
      if (timeoutSignal.aborted) return { kind: 'timeout', timeoutMs };
      return undefined;
    };

    const headers: Record<string, string> = {
      Accept: 'application/json',
      'X-Request-Id': requestId,
      ...spec.headers,
    };
    let token: string | null | undefined;
    try {
      token = await options.getToken();
    } catch (error) {
      throw fail({ kind: 'unexpected', reason: 'getToken failed' }, error);
    }
    if (token) headers.Authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (spec.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(spec.body);
    }

    let response: Response;
    try {
      response = await doFetch(`${baseUrl}${spec.path}`, { method: spec.method, headers, body, signal });
    } catch (error) {
      throw fail(abortVariant() ?? { kind: 'network' }, error);
    }

    const serverRequestId = response.headers.get('X-Request-Id');
    try {
      if (response.ok) {
        const result = await spec.read(response);
        if (result.ok) return result.value;
        throw fail(
          { kind: 'unexpected', status: response.status, reason: result.reason },
          undefined,
          serverRequestId,
        );
      }
      const problem = parseProblem(await response.text());
      const variant = variantForStatus(response.status, problem, response.headers.get('Retry-After'));
      throw fail(variant, undefined, serverRequestId ?? problem?.requestId);
    } catch (error) {
      if (isApiError(error)) throw error;
      // Reading the body failed: the timeout or the caller fired mid-body, or the connection dropped.
      throw fail(abortVariant() ?? { kind: 'network' }, error, serverRequestId);
    }
  }

  async function request<T>(spec: RequestSpec<T>): Promise<T> {
    const requestId = newId();
    for (let attemptNo = 0; ; attemptNo++) {
      try {
        return await attempt(spec, requestId);
      } catch (error) {
        const apiError = isApiError(error)
          ? error
          : createApiError(
              { requestId, method: spec.method, path: spec.path, kind: 'unexpected', reason: 'internal' },
              error,
            );
        const delay = retryDelayMs(apiError, spec.method, attemptNo, retry, random);
        if (delay === undefined) throw apiError;
        try {
          await sleep(delay, spec.signal);
        } catch (abortReason) {
          throw createApiError(
            { requestId: apiError.requestId, method: spec.method, path: spec.path, kind: 'aborted' },
            abortReason,
          );
        }
      }
    }
  }

  const runPath = (id: string): string => `/v1/report-runs/${encodeURIComponent(id)}`;

  return {
    getClinic: (opts = {}) =>
      request({ method: 'GET', path: '/v1/clinic', signal: opts.signal, read: jsonReader(clinicSchema) }),
    listReportRuns: (query = {}, opts = {}) =>
      request({
        method: 'GET',
        path: `/v1/report-runs${queryString({ ...query })}`,
        signal: opts.signal,
        read: jsonReader(reportRunPageSchema),
      }),
    getReportRun: (id, opts = {}) =>
      request({ method: 'GET', path: runPath(id), signal: opts.signal, read: jsonReader(reportRunSchema) }),
    createReportRun: (body, opts = {}) =>
      request({
        method: 'POST',
        path: '/v1/report-runs',
        body,
        headers: { 'Idempotency-Key': opts.idempotencyKey ?? newId() },
        signal: opts.signal,
        read: jsonReader(reportRunSchema),
      }),
    cancelReportRun: (id, opts = {}) =>
      request({
        method: 'POST',
        path: `${runPath(id)}/cancel`,
        signal: opts.signal,
        read: jsonReader(reportRunSchema),
      }),
    downloadUrl: (id) => `${baseUrl}${runPath(id)}/file`,
    downloadReportFile: (id, opts = {}) =>
      request({
        method: 'GET',
        path: `${runPath(id)}/file`,
        headers: { Accept: '*/*' },
        signal: opts.signal,
        read: async (response) => {
          const blob = await response.blob();
          const contentType = response.headers.get('Content-Type') ?? 'application/octet-stream';
          const fileName = fileNameOf(response.headers.get('Content-Disposition'), `report-${id}`);
          return { ok: true, value: { blob, fileName, contentType, byteSize: blob.size } };
        },
      }),
    listAppointments: (query = {}, opts = {}) =>
      request({
        method: 'GET',
        path: `/v1/appointments${queryString({ ...query })}`,
        signal: opts.signal,
        read: jsonReader(appointmentPageSchema),
      }),
    newIdempotencyKey: newId,
    getInsight: (name, query, schema, opts = {}) =>
      request({
        method: 'GET',
        path: `/v1/insights/${encodeURIComponent(name)}${queryString(query)}`,
        signal: opts.signal,
        read: jsonReader(schema),
      }),
    downloadInsightCsv: (name, query, opts = {}) =>
      request({
        method: 'GET',
        path: `/v1/insights/${encodeURIComponent(name)}/export.csv${queryString(query)}`,
        headers: { Accept: 'text/csv' },
        signal: opts.signal,
        read: async (response) => {
          const blob = await response.blob();
          const fileName = fileNameOf(response.headers.get('Content-Disposition'), `insights-${name}.csv`);
          return { ok: true, value: { blob, fileName, contentType: 'text/csv', byteSize: blob.size } };
        },
      }),
    // gen:client-methods (npm run gen client adds methods above this line)
  };
}
