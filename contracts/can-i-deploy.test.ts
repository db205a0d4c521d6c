// The repo's own can-i-deploy: a pair is deployable only when its latest verification passed and
// verified exactly the pact that is committed now.
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildMatrix, canIDeploy } from './can-i-deploy.ts';
import { recordVerification } from './verification-record.ts';

const pact = (consumer: string, statuses: number[]) =>
  JSON.stringify({
    consumer: { name: consumer },
    provider: { name: 'report-api' },
    interactions: statuses.map((status, i) => ({
      description: `interaction ${String(i)}`,
      request: { method: 'GET', path: '/v1/clinic' },
      response: { status },
    })),
    metadata: { pactSpecification: { version: '4.0' } },
  });

function workspace() {
  const root = mkdtempSync(join(tmpdir(), 'can-i-deploy-'));
  const pacts = join(root, 'pacts');
  const verifications = join(root, 'verifications');
  mkdirSync(pacts);
  writeFileSync(join(pacts, 'report-web-report-api.json'), pact('report-web', [200, 404]));
  writeFileSync(join(pacts, 'report-worker-report-api.json'), pact('report-worker', [200]));
  const verify = (consumer: string, passed = true) =>
    recordVerification(verifications, {
      pactFile: join(pacts, `${consumer}-report-api.json`),
      passed,
      providerVersion: 'abc1234',
      durationMs: 1234,
      now: new Date('2026-11-29T10:00:00Z'),
    });
  return { root, pacts, verifications, verify };
}

describe('can-i-deploy', () => {
  it('says yes and prints the matrix when every pair verified its current pact', () => {
    const w = workspace();
    w.verify('report-web');
    w.verify('report-worker');
    const { ok, output } = canIDeploy(w.pacts, w.verifications);
    expect(ok).toBe(true);
    expect(output).toMatch(/report-web\s+report-api\s+2\s+verified\s+2026-11-29T10:00:00.000Z\s+abc1234/);
    expect(output).toMatch(/report-worker\s+report-api\s+1\s+verified/);
    expect(output).toContain('Computer says yes: all 2 pairs are verified.');
  });

  it('says no when a pair has never been verified', () => {
    const w = workspace();
    w.verify('report-web');
    const { ok, output } = canIDeploy(w.pacts, w.verifications);
    expect(ok).toBe(false);
    expect(output).toContain('report-worker -> report-api: no verification result');
  });

  it('says no when the latest verification failed', () => {
    const w = workspace();
    w.verify('report-web', false);
    w.verify('report-worker');
    expect(buildMatrix(w.pacts, w.verifications).map((r) => r.status)).toEqual(['failed', 'verified']);
  });

  it('says no when the pact changed after its verification (the verification is older than the pact)', () => {
    const w = workspace();
    w.verify('report-web');
    w.verify('report-worker');
    writeFileSync(join(w.pacts, 'report-web-report-api.json'), pact('report-web', [200, 404, 409]));
    const { ok, output } = canIDeploy(w.pacts, w.verifications);
    expect(ok).toBe(false);
    expect(output).toContain('report-web -> report-api: the pact changed after its last verification');
  });

  it('says no when there are no pacts at all', () => {
    const w = workspace();
    const empty = join(w.root, 'none');
    expect(canIDeploy(empty, w.verifications)).toMatchObject({ ok: false });
  });

  it('exits 1 from the command line when a pair is unverified', () => {
    const w = workspace();
    const dir = join(w.root, 'contracts');
    mkdirSync(join(dir, 'pacts'), { recursive: true });
    for (const file of ['can-i-deploy.ts', 'verification-record.ts', 'drift.ts'])
      copyFileSync(join(import.meta.dirname, file), join(dir, file));
    copyFileSync(
      join(w.pacts, 'report-web-report-api.json'),
      join(dir, 'pacts', 'report-web-report-api.json'),
    );
    let status = 0;
    let stdout = '';
    try {
      execFileSync(process.execPath, [join(dir, 'can-i-deploy.ts')], { encoding: 'utf8' });
    } catch (error) {
      const failed = error as { status: number; stdout: string };
      status = failed.status;
      stdout = failed.stdout;
    }
    expect(status).toBe(1);
    expect(stdout).toContain('Computer says no');
  });
});
