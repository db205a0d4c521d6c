// `node tests/contract/check-drift.ts [--write]`: the worker's generated message pact must equal the one
// committed in contracts/pacts. Same gate and message as the web client's (contracts/drift.ts).
import { driftMessage, findDrift, writeGenerated } from '../../../../contracts/drift.ts';
import { COMMITTED_PACTS_DIR, GENERATED_PACTS_DIR, WORKER_CONSUMER } from './pacts.ts';

const FIX = 'run npm run test:contract -w @repo/report-api and commit contracts/';
const write = process.argv.includes('--write') && !process.env.CI;
const drift = findDrift(GENERATED_PACTS_DIR, COMMITTED_PACTS_DIR, (file) =>
  file.startsWith(`${WORKER_CONSUMER}-`),
);
if (drift.length === 0) {
  process.stdout.write('contracts/pacts is up to date with the worker consumer tests.\n');
} else {
  if (write) writeGenerated(GENERATED_PACTS_DIR, COMMITTED_PACTS_DIR, drift);
  console.error(
    `${driftMessage(drift, FIX)}${write ? '\nUpdated contracts/pacts: review and commit contracts/.' : ''}`,
  );
  process.exitCode = 1;
}
