// Runs the Pact verifier for one consumer's pact against a started provider and records the result in
// contracts/verifications/<consumer>-<provider>.json, the file can-i-deploy reads.
import { Verifier, providerWithMetadata } from '@pact-foundation/pact';
import { recordVerification } from '../../../../contracts/verification-record.ts';
import { REPORT_QUEUE } from '../../src/features/report-runs/queue.ts';
import type { Provider } from './provider-harness.ts';
import { PROVIDER, REPORT_JOB_MESSAGE, VERIFICATIONS_DIR, pactFile, providerVersion } from './pacts.ts';

export interface VerifyOptions {
  consumer: string;
  /** Write the result for can-i-deploy (false for drills such as the broken provider). */
  record?: boolean;
}

export interface VerifyResult {
  passed: boolean;
  durationMs: number;
  error?: Error;
}

export async function verifyPact(provider: Provider, options: VerifyOptions): Promise<VerifyResult> {
  process.env.PACT_DO_NOT_TRACK = 'true';
  const file = pactFile(options.consumer);
  const started = performance.now();
  const verifier = new Verifier({
    provider: PROVIDER,
    providerBaseUrl: provider.url,
    pactUrls: [file],
    providerVersion: providerVersion(),
    publishVerificationResult: false,
    logLevel: 'warn',
    stateHandlers: provider.stateHandlers,
    requestFilter: provider.requestFilter,
    messageProviders: {
      [REPORT_JOB_MESSAGE]: providerWithMetadata(async () => (await provider.producedReportJob()).payload, {
        queue: REPORT_QUEUE,
      }),
    },
  });
  let error: Error | undefined;
  try {
    await verifier.verifyProvider();
  } catch (caught) {
    error = caught instanceof Error ? caught : new Error(String(caught));
  }
  const durationMs = Math.round(performance.now() - started);
  if (options.record !== false) {
    recordVerification(VERIFICATIONS_DIR, {
      pactFile: file,
      passed: error === undefined,
      providerVersion: providerVersion(),
      durationMs,
    });
  }
  return { passed: error === undefined, durationMs, ...(error ? { error } : {}) };
}
