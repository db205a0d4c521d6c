import type { Principal } from './principal.ts';

declare global {
  namespace Express {
    interface Request {
      /** The request id (observability/logger.ts): the caller's X-Request-Id when safe, else a UUID. */
      id: string;
    }
    interface Locals {
      /** Set by authenticate (auth.ts) on every /v1 request with a valid token. */
      principal?: Principal;
    }
  }
}
