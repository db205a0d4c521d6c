// Each consumer run starts from an empty pacts/ folder: Pact merges into an existing file, so a removed
// interaction would otherwise linger in the generated contract.
import { rmSync } from 'node:fs';
import { GENERATED_PACTS_DIR } from './pact-names.ts';

export default function setup(): void {
  process.env.PACT_DO_NOT_TRACK = 'true';
  rmSync(GENERATED_PACTS_DIR, { recursive: true, force: true });
}
