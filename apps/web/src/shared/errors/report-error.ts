// The one place the UI reports an error it could not handle: logged with its request id so support can
// find the matching API log line. (A telemetry sink would hook in here.)
import { isApiError } from '@repo/api-client';

/** The id a person can quote: the API request id, or a fresh incident id for client-side crashes. */
export function requestIdOf(error: unknown): string {
  return isApiError(error) ? error.requestId : `client-${crypto.randomUUID()}`;
}

export function reportError(error: unknown, requestId: string): void {
  console.error(`[request ${requestId}]`, error);
}
