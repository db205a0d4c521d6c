// Contract runs start from an empty pacts/ folder (Pact merges into an existing file) and share the test
// database template of @repo/db.
import { rmSync } from 'node:fs';
import dbSetup from '@repo/db/testing/global-setup';
import { GENERATED_PACTS_DIR } from './pacts.ts';

export default async function setup(): Promise<() => Promise<void>> {
  process.env.PACT_DO_NOT_TRACK = 'true';
  rmSync(GENERATED_PACTS_DIR, { recursive: true, force: true });
  return dbSetup();
}
