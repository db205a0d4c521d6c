// Maps whatever went wrong in a run to a stable error code, a message a person can act on, and whether
// another attempt could succeed (connection loss, storage hiccup) or not (the report is simply too slow).
import type { ReportRunErrorCode } from '@repo/contract';

export interface ClassifiedError {
  code: ReportRunErrorCode;
  message: string;
  retryable: boolean;
}

export class RunTimeoutError extends Error {
  constructor(ms: number) {
    super(`The report did not finish within ${Math.round(ms / 1000)} s`);
    this.name = 'RunTimeoutError';
  }
}

/** The run was canceled or claimed by a newer attempt: stop quietly, write nothing. */
export class ClaimLostError extends Error {
  constructor() {
    super('The run was canceled or taken over by another attempt');
    this.name = 'ClaimLostError';
  }
}

const CONNECTION_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  '57P01',
  '57P02',
  '57P03',
]);
const STORAGE_CODES = new Set(['ENOSPC', 'EACCES', 'EIO', 'EROFS', 'EMFILE', 'ENFILE', 'EDQUOT']);

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function classifyError(error: unknown, queryTimeoutMs: number): ClassifiedError {
  const cause = (error as { cause?: unknown } | null)?.cause;
  if (error instanceof RunTimeoutError || cause instanceof RunTimeoutError) {
    const timeout = error instanceof RunTimeoutError ? error : (cause as RunTimeoutError);
    return { code: 'run_timeout', message: timeout.message, retryable: false };
  }
  const code = codeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code === '57014' && /statement timeout/i.test(message)) {
    return {
      code: 'query_timeout',
      message: `The report query ran longer than ${Math.round(queryTimeoutMs / 1000)} s; narrow the period or filters`,
      retryable: false,
    };
  }
  if (
    (code && (CONNECTION_CODES.has(code) || code.startsWith('08'))) ||
    /Connection terminated|terminating connection|server closed the connection|Client has encountered a connection error/i.test(
      message,
    )
  ) {
    return {
      code: 'database_unavailable',
      message: `The database connection was lost: ${message}`,
      retryable: true,
    };
  }
  if (code && STORAGE_CODES.has(code)) {
    return {
      code: 'storage_error',
      message: `The report file could not be written: ${message}`,
      retryable: true,
    };
  }
  return { code: 'internal', message: `Unexpected error: ${message}`, retryable: true };
}
