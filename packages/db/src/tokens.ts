// Bearer tokens are stored as SHA-256 hashes; the plain token exists only in the client's hands.
import { createHash } from 'node:crypto';

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
