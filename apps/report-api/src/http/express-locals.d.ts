import type { Principal } from './principal.ts';

declare global {
  namespace Express {
    interface Locals {
      /** Set by authenticate (auth.ts) on every /v1 request with a valid token. */
      principal?: Principal;
    }
  }
}
