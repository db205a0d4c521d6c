// `node src/pact/check-drift.ts [--write]`, the tail of `npm run test:contract -w @repo/api-client`.
// Drift always fails the run. Outside CI, --write (the npm script passes it) also refreshes contracts/pacts
// from the consumer tests, so the next run passes once you have looked at the diff and committed it.
import { findDrift, driftMessage, writeGenerated } from '../../../../contracts/drift.ts';
import { CONSUMER, COMMITTED_PACTS_DIR, GENERATED_PACTS_DIR } from './pact-names.ts';

const write = process.argv.includes('--write') && !process.env.CI;
const drift = findDrift(GENERATED_PACTS_DIR, COMMITTED_PACTS_DIR, (file) => file.startsWith(`${CONSUMER}-`));
if (drift.length === 0) {
  process.stdout.write('contracts/pacts is up to date with the consumer tests.\n');
} else if (write) {
  writeGenerated(GENERATED_PACTS_DIR, COMMITTED_PACTS_DIR, drift);
  console.error(
    `${driftMessage(drift)}\nUpdated contracts/pacts from the consumer tests: review and commit contracts/.`,
  );
  process.exitCode = 1;
} else {
  console.error(driftMessage(drift));
  process.exitCode = 1;
}
