// The client's error taxonomy: every failure of every call is one of these kinds, never anything else.
// The UI switches on `kind` to render a designed state; `requestId` ties what the user sees to the logs.
import { problemSchema, slugOf, type FieldError, type Problem, type ProblemSlug } from '@repo/contract';

interface ApiErrorCommon {
  /** The server's X-Request-Id when it answered, otherwise the id this client sent. Always present. */
  requestId: string;
  method: string;
  /** Path and query of the request (no origin), for logs and error screens. */
  path: string;
}

export type ApiErrorVariant =
  /** No HTTP response: offline, DNS failure, connection refused or reset. */
  | { kind: 'network' }
  /** The call took longer than the client's `timeoutMs`. */
  | { kind: 'timeout'; timeoutMs: number }
  /** The caller aborted (component unmounted, navigation, user cancel). Not a failure to show. */
  | { kind: 'aborted' }
  /** 400 or 422: the input is wrong; `fieldErrors` says where (may be empty for a whole-body problem). */
  | { kind: 'validation'; status: number; fieldErrors: FieldError[]; problem?: Problem }
  | { kind: 'unauthorized'; status: 401; problem?: Problem }
  | { kind: 'forbidden'; status: 403; problem?: Problem }
  /** 404, or 410 for something that existed and is gone (an expired report file). */
  | { kind: 'not-found'; status: number; problem?: Problem }
  | { kind: 'conflict'; status: 409; problem?: Problem }
  | { kind: 'rate-limited'; status: 429; retryAfterSeconds: number; problem?: Problem }
  | { kind: 'server'; status: number; problem?: Problem }
  /** A body or status the contract does not allow: unparseable JSON, a schema mismatch, a 3xx or 405. */
  | { kind: 'unexpected'; status?: number; reason: string; problem?: Problem };

export type ApiErrorKind = ApiErrorVariant['kind'];
export type ApiError = Error & ApiErrorCommon & ApiErrorVariant;
export type ApiErrorOf<K extends ApiErrorKind> = ApiError & { kind: K };

export const apiErrorKinds = [
  'network',
  'timeout',
  'aborted',
  'validation',
  'unauthorized',
  'forbidden',
  'not-found',
  'conflict',
  'rate-limited',
  'server',
  'unexpected',
] as const satisfies readonly ApiErrorKind[];

class ApiErrorImpl extends Error {
  constructor(message: string, fields: ApiErrorCommon & ApiErrorVariant, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'ApiError';
    Object.assign(this, fields);
  }
}

export function createApiError(fields: ApiErrorCommon & ApiErrorVariant, cause?: unknown): ApiError {
  const status = 'status' in fields && fields.status !== undefined ? ` ${fields.status}` : '';
  const message = `${fields.method} ${fields.path} failed: ${fields.kind}${status} (request ${fields.requestId})`;
  return new ApiErrorImpl(message, fields, cause) as ApiError;
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiErrorImpl;
}

/** The problem slug of an HTTP error, when the server sent one of the contract's problem types. */
export function problemSlugOf(error: ApiError): ProblemSlug | undefined {
  return 'problem' in error && error.problem ? slugOf(error.problem.type) : undefined;
}

/** Parses a problem+json body; anything else (HTML from a proxy, empty body) yields undefined. */
export function parseProblem(text: string): Problem | undefined {
  try {
    const parsed = problemSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Retry-After is delta-seconds or an HTTP date (RFC 9110 §10.2.3); returns whole seconds, at least 0. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

/** Maps an HTTP error status (and its problem body, when parseable) to the taxonomy. */
export function variantForStatus(
  status: number,
  problem: Problem | undefined,
  retryAfterHeader: string | null,
): ApiErrorVariant {
  const withProblem = problem ? { problem } : {};
  if (status === 400 || status === 422) {
    return { kind: 'validation', status, fieldErrors: problem?.errors ?? [], ...withProblem };
  }
  if (status === 401) return { kind: 'unauthorized', status, ...withProblem };
  if (status === 403) return { kind: 'forbidden', status, ...withProblem };
  if (status === 404 || status === 410) return { kind: 'not-found', status, ...withProblem };
  if (status === 409) return { kind: 'conflict', status, ...withProblem };
  if (status === 429) {
    const retryAfterSeconds = parseRetryAfter(retryAfterHeader) ?? problem?.retryAfterSeconds ?? 1;
    return { kind: 'rate-limited', status, retryAfterSeconds, ...withProblem };
  }
  if (status >= 500 && status <= 599) return { kind: 'server', status, ...withProblem };
  return { kind: 'unexpected', status, reason: `unexpected status ${status}`, ...withProblem };
}
