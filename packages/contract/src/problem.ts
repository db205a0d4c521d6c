// RFC 9457 problem details: the one error shape of the whole product. The API emits it, the client parses
// it into a typed error, the UI renders a state per type, MSW scenarios and Pact interactions reuse it.
import { z } from 'zod';

export const PROBLEM_BASE = 'https://clinic-reports.dev/problems/';

/** Every problem type the API can answer with, and its HTTP status. Stable: clients switch on `type`. */
export const problemTypes = {
  'bad-request': { status: 400, title: 'The request is malformed' },
  unauthorized: { status: 401, title: 'Authentication is required' },
  forbidden: { status: 403, title: 'This action is not allowed for your role' },
  'not-found': { status: 404, title: 'The resource was not found' },
  'method-not-allowed': { status: 405, title: 'The method is not allowed on this resource' },
  conflict: { status: 409, title: 'The request conflicts with the current state' },
  'idempotency-in-progress': {
    status: 409,
    title: 'A request with this Idempotency-Key is still being processed',
  },
  gone: { status: 410, title: 'The resource is no longer available' },
  'payload-too-large': { status: 413, title: 'The request body is too large' },
  'unsupported-media-type': { status: 415, title: 'The request body must be application/json' },
  'range-not-satisfiable': { status: 416, title: 'The requested range is not satisfiable' },
  validation: { status: 422, title: 'The request body is invalid' },
  'idempotency-key-reused': { status: 422, title: 'This Idempotency-Key was used with a different request' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'An unexpected error occurred' },
  unavailable: { status: 503, title: 'The service is temporarily unavailable' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemSlug = keyof typeof problemTypes;

export function problemTypeUri(slug: ProblemSlug): string {
  return `${PROBLEM_BASE}${slug}`;
}

export const fieldErrorSchema = z.object({
  /** Dotted path of the offending field, e.g. `parameters.from`; `''` for the whole input. */
  field: z.string(),
  message: z.string(),
  code: z.string(),
});
export type FieldError = z.infer<typeof fieldErrorSchema>;

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int().min(400).max(599),
  detail: z.string().optional(),
  instance: z.string().optional(),
  requestId: z.string().optional(),
  errors: z.array(fieldErrorSchema).optional(),
  retryAfterSeconds: z.number().int().nonnegative().optional(),
});
export type Problem = z.infer<typeof problemSchema>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function slugOf(type: string): ProblemSlug | undefined {
  if (!type.startsWith(PROBLEM_BASE)) return undefined;
  const slug = type.slice(PROBLEM_BASE.length);
  return slug in problemTypes ? (slug as ProblemSlug) : undefined;
}

/** Builds a problem body of a known type; used by the API, MSW scenarios and contract tests alike. */
export function problem(slug: ProblemSlug, extra: Omit<Partial<Problem>, 'type' | 'status'> = {}): Problem {
  const known = problemTypes[slug];
  return { type: problemTypeUri(slug), title: known.title, status: known.status, ...extra };
}
