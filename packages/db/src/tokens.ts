// Bearer tokens are stored as SHA-256 hashes; the plain token exists only in the client's hands.
// crypto.hash is the one-shot form: no Hash object per call, a third of createHash's cost (every API
// request hashes its token once to find it in the principal cache).
import { hash } from 'node:crypto';

export function hashToken(token: string): string {
  return hash('sha256', token, 'hex');
}
