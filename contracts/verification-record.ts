// Verification results without a broker: one JSON file per consumer/provider pair, naming the exact pact
// content it verified (sha256 of the normalized pact), when, against which provider version, and how.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, join } from 'node:path';
import { normalizePact } from './drift.ts';

export interface VerificationRecord {
  consumer: string;
  provider: string;
  pactFile: string;
  /** sha256 of the normalized pact that was verified: a changed pact no longer matches it. */
  pactSha256: string;
  interactions: number;
  passed: boolean;
  verifiedAt: string;
  providerVersion: string;
  durationMs: number;
}

export interface PactSummary {
  consumer: string;
  provider: string;
  file: string;
  sha256: string;
  interactions: number;
}

export function summarizePact(path: string): PactSummary {
  const text = readFileSync(path, 'utf8');
  const pact = JSON.parse(text) as {
    consumer: { name: string };
    provider: { name: string };
    interactions?: unknown[];
  };
  return {
    consumer: pact.consumer.name,
    provider: pact.provider.name,
    file: basename(path),
    sha256: createHash('sha256').update(normalizePact(text)).digest('hex'),
    interactions: pact.interactions?.length ?? 0,
  };
}

export const recordPath = (dir: string, consumer: string, provider: string): string =>
  join(dir, `${consumer}-${provider}.json`);

export interface RecordInput {
  pactFile: string;
  passed: boolean;
  providerVersion: string;
  durationMs: number;
  /** Injectable for tests. */
  now?: Date;
}

export function recordVerification(dir: string, input: RecordInput): VerificationRecord {
  const pact = summarizePact(input.pactFile);
  const record: VerificationRecord = {
    consumer: pact.consumer,
    provider: pact.provider,
    pactFile: `contracts/pacts/${pact.file}`,
    pactSha256: pact.sha256,
    interactions: pact.interactions,
    passed: input.passed,
    verifiedAt: (input.now ?? new Date()).toISOString(),
    providerVersion: input.providerVersion,
    durationMs: input.durationMs,
  };
  mkdirSync(dir, { recursive: true });
  writeFileSync(recordPath(dir, pact.consumer, pact.provider), `${JSON.stringify(record, null, 2)}\n`);
  return record;
}
