// The stale-contract gate itself: what counts as drift and what message a developer gets.
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { driftMessage, findDrift, normalizePact, writeGenerated } from './drift.ts';

const pact = (interactions: unknown[], version = '17.1.4') =>
  JSON.stringify({
    consumer: { name: 'report-web' },
    provider: { name: 'report-api' },
    interactions,
    metadata: { 'pact-js': { version }, pactSpecification: { version: '4.0' } },
  });
const a = { description: 'a', request: { method: 'GET', path: '/v1/clinic' }, response: { status: 200 } };
const b = { description: 'b', request: { method: 'GET', path: '/v1/x' }, response: { status: 404 } };

function dirs(generated: string, committed?: string) {
  const root = mkdtempSync(join(tmpdir(), 'drift-'));
  const gen = join(root, 'gen');
  const com = join(root, 'com');
  mkdirSync(gen);
  mkdirSync(com);
  writeFileSync(join(gen, 'report-web-report-api.json'), generated);
  if (committed !== undefined) writeFileSync(join(com, 'report-web-report-api.json'), committed);
  return { gen, com };
}
const owned = (f: string) => f.startsWith('report-web-');

describe('the pact drift gate', () => {
  it('ignores tool versions and interaction order', () => {
    expect(normalizePact(pact([a, b], '17.1.4'))).toBe(normalizePact(pact([b, a], '18.0.0')));
  });

  it('reports a changed response as drift with the command that fixes it', () => {
    const { gen, com } = dirs(pact([a, { ...b, response: { status: 410 } }]), pact([a, b]));
    const drift = findDrift(gen, com, owned);
    expect(drift).toEqual([{ file: 'report-web-report-api.json', problem: 'changed' }]);
    expect(driftMessage(drift)).toContain(
      'run npm run test:contract -w @repo/api-client and commit contracts/',
    );
  });

  it('reports a pact that is not committed yet and one that is no longer generated', () => {
    const { gen, com } = dirs(pact([a]));
    writeFileSync(join(com, 'report-web-old-api.json'), pact([a]));
    writeFileSync(join(com, 'report-worker-report-api.json'), pact([a]));
    expect(findDrift(gen, com, owned)).toEqual([
      { file: 'report-web-report-api.json', problem: 'missing from contracts/' },
      { file: 'report-web-old-api.json', problem: 'no longer generated' },
    ]);
  });

  it('writes the generated pacts over the committed ones in local mode', () => {
    const { gen, com } = dirs(pact([a, b]), pact([a]));
    writeGenerated(gen, com, findDrift(gen, com, owned));
    expect(readFileSync(join(com, 'report-web-report-api.json'), 'utf8')).toBe(pact([a, b]));
    expect(findDrift(gen, com, owned)).toEqual([]);
  });
});
