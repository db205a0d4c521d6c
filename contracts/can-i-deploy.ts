// `npm run contracts:can-i-deploy`: the repo's own can-i-deploy, for a team without a Pact Broker. Reads
// every pact in contracts/pacts and the latest verification result of each pair in
// contracts/verifications, prints the consumer/provider matrix, and fails unless every pair was verified,
// passed, and verified this very pact content (a pact changed after its verification is stale).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { recordPath, summarizePact, type VerificationRecord } from './verification-record.ts';

export type PairStatus = 'verified' | 'unverified' | 'failed' | 'stale';

export interface MatrixRow {
  consumer: string;
  provider: string;
  interactions: number;
  status: PairStatus;
  verifiedAt: string | null;
  providerVersion: string | null;
  reason: string;
}

export function buildMatrix(pactsDir: string, verificationsDir: string): MatrixRow[] {
  const files = existsSync(pactsDir)
    ? readdirSync(pactsDir)
        .filter((f) => f.endsWith('.json'))
        .sort()
    : [];
  return files.map((file) => {
    const pact = summarizePact(join(pactsDir, file));
    const base = { consumer: pact.consumer, provider: pact.provider, interactions: pact.interactions };
    const path = recordPath(verificationsDir, pact.consumer, pact.provider);
    if (!existsSync(path)) {
      return {
        ...base,
        status: 'unverified',
        verifiedAt: null,
        providerVersion: null,
        reason: `no verification result: run npm run test:contract -w @repo/${pact.provider}`,
      };
    }
    const record = JSON.parse(readFileSync(path, 'utf8')) as VerificationRecord;
    const seen = { verifiedAt: record.verifiedAt, providerVersion: record.providerVersion };
    if (record.pactSha256 !== pact.sha256) {
      return {
        ...base,
        ...seen,
        status: 'stale',
        reason: 'the pact changed after its last verification: verify it again',
      };
    }
    if (!record.passed) {
      return { ...base, ...seen, status: 'failed', reason: 'the provider failed verification of this pact' };
    }
    return { ...base, ...seen, status: 'verified', reason: '' };
  });
}

export function formatMatrix(rows: MatrixRow[]): string {
  const header = ['CONSUMER', 'PROVIDER', 'INTERACTIONS', 'STATUS', 'VERIFIED AT', 'PROVIDER VERSION'];
  const cells = rows.map((r) => [
    r.consumer,
    r.provider,
    String(r.interactions),
    r.status,
    r.verifiedAt ?? '-',
    r.providerVersion ?? '-',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]) =>
    c
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const problems = rows
    .filter((r) => r.status !== 'verified')
    .map((r) => `  ${r.consumer} -> ${r.provider}: ${r.reason}`);
  const verdict =
    rows.length === 0
      ? 'Computer says no: there are no pacts in contracts/pacts.'
      : problems.length === 0
        ? `Computer says yes: all ${String(rows.length)} pairs are verified.`
        : `Computer says no:\n${problems.join('\n')}`;
  return [line(header), ...cells.map(line), '', verdict].join('\n');
}

export function canIDeploy(pactsDir: string, verificationsDir: string): { ok: boolean; output: string } {
  const rows = buildMatrix(pactsDir, verificationsDir);
  return { ok: rows.length > 0 && rows.every((r) => r.status === 'verified'), output: formatMatrix(rows) };
}

if (import.meta.main) {
  const here = import.meta.dirname;
  const { ok, output } = canIDeploy(join(here, 'pacts'), join(here, 'verifications'));
  process.stdout.write(`${output}\n`);
  process.exitCode = ok ? 0 : 1;
}
