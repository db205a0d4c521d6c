import type { Role } from '@repo/db';

/** Who is calling: set by the auth middleware on res.locals.principal for every authenticated route. */
export interface Principal {
  tokenId: string;
  role: Role;
  /** The clinic the token belongs to; null for internal roles (product, cs). */
  companyId: string | null;
}
