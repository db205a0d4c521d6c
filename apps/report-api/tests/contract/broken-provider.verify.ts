// The gate proves itself: a test instance of the report API whose GET /v1/clinic renames `name` to
// `clinicName` (an express middleware wrapping res.end) must fail verification of the report-web pact,
// with a message that names the interaction and the missing field. Nothing is recorded for can-i-deploy.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordPath } from '../../../../contracts/verification-record.ts';
import { startProvider, type Provider } from './provider-harness.ts';
import { PROVIDER, VERIFICATIONS_DIR, WEB_CONSUMER } from './pacts.ts';
import { verifyPact } from './verify.ts';

interface VerifierFailure {
  errors: { interaction: string; mismatch: { mismatches: { mismatch: string; path?: string }[] } }[];
  output: string[];
}

let provider: Provider;
beforeAll(async () => {
  provider = await startProvider({ breakClinicField: true });
});
afterAll(async () => {
  await provider.stop();
});

describe('a deliberately broken provider', () => {
  it('fails verification naming the clinic interaction and the renamed field', async () => {
    const record = recordPath(VERIFICATIONS_DIR, WEB_CONSUMER, PROVIDER);
    const before = existsSync(record) ? readFileSync(record, 'utf8') : null;

    const result = await verifyPact(provider, { consumer: WEB_CONSUMER, record: false });

    expect(result.passed).toBe(false);
    const failure = JSON.parse(result.error?.message ?? '{}') as VerifierFailure;
    expect(failure.errors.map((e) => e.interaction)).toEqual([
      'Verifying a pact between report-web and report-api Given clinic A is signed in - a request for the signed-in clinic',
    ]);
    const mismatches = failure.errors.flatMap((e) => e.mismatch.mismatches.map((m) => m.mismatch));
    expect(mismatches.join('\n')).toMatch(/missing the following keys: name/);

    const output = stripVTControlCharacters(failure.output.join('\n'));
    const readable = output.slice(output.indexOf('Failures:'));
    expect(readable).toContain(
      '1) Verifying a pact between report-web and report-api Given clinic A is signed in',
    );
    expect(readable).toContain('$ -> Actual map is missing the following keys: name');
    expect(readable).toContain('There were 1 pact failures');
    // For the closing note and for whoever wonders what a broken provider looks like.
    const reports = join(import.meta.dirname, '..', '..', '.reports');
    mkdirSync(reports, { recursive: true }); // a fresh clone has no .reports/ until a suite writes one
    writeFileSync(join(reports, 'broken-provider.txt'), `${readable}\n`);

    // A drill never touches the record can-i-deploy reads.
    expect(existsSync(record) ? readFileSync(record, 'utf8') : null).toBe(before);
  });
});
