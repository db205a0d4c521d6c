// `node tests/contract/verify-cli.ts <consumer> [--break-clinic-field]`: one verification in its own
// process, so its full verifier output (printed by Pact's native core, not through Node) can be read.
// The broken-provider drill runs it; it never records a result for a deliberately broken provider.
import { startProvider } from './provider-harness.ts';
import { verifyPact } from './verify.ts';

const consumer = process.argv[2] ?? 'report-web';
const breakClinicField = process.argv.includes('--break-clinic-field');
const provider = await startProvider({ breakClinicField });
try {
  const result = await verifyPact(provider, { consumer, record: !breakClinicField });
  process.stdout.write(
    `\nverification of ${consumer} -> report-api ${result.passed ? 'passed' : 'FAILED'} in ${String(result.durationMs)} ms${
      result.error ? `: ${result.error.message}` : ''
    }\n`,
  );
  process.exitCode = result.passed ? 0 : 1;
} finally {
  await provider.stop();
}
