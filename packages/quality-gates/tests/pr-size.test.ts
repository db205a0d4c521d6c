import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { quality, type QualityConfig } from '../../../quality.config.ts';
import { runCli } from '../src/cli.ts';
import { createTempRepo, monorepoFiles, type TempRepo } from './helpers/temp-repo.ts';

let repo: TempRepo;
let output: string[];

function gate(config: QualityConfig): number {
  output = [];
  return runCli(['pr-size', '--base', 'main'], {
    root: repo.dir,
    env: {},
    config,
    log: (line) => output.push(line),
  });
}

const lines = (n: number): string => Array.from({ length: n }, (_, i) => `line ${i}`).join('\n') + '\n';

beforeEach(() => {
  repo = createTempRepo(monorepoFiles());
  repo.commit('chore: initial');
  repo.git('checkout', '--quiet', '-b', 'feature');
});

afterEach(() => {
  repo.remove();
});

describe('pr-size gate', () => {
  it('warns above the threshold from quality.config.ts without failing the run', () => {
    const limit = quality.pullRequest.warnAboveChangedLines;
    repo.write({ 'notes.txt': lines(limit + 1) });
    repo.commit('docs: notes');

    expect(gate(quality)).toBe(0);
    expect(output.join('\n')).toMatch(
      new RegExp(`pr-size\\s+warn .*${limit + 1} changed lines \\(> ${limit}\\)`),
    );
  });

  it('passes at the threshold and counts deletions too', () => {
    repo.write({ 'notes.txt': lines(6) });
    repo.commit('docs: notes');
    repo.git('checkout', '--quiet', 'main');
    repo.git('checkout', '--quiet', '-b', 'second');
    repo.write({ 'packages/lib/src/sum.ts': '' });

    const config = { ...quality, pullRequest: { ...quality.pullRequest, warnAboveChangedLines: 1 } };
    expect(gate(config)).toBe(0);
    expect(output.join('\n')).toMatch(/pr-size\s+pass .*1 changed lines \(<= 1\)/);
  });

  it('does not count the files quality.config.ts lists under pullRequest.ignore', () => {
    repo.write({ 'package-lock.json': lines(5000), 'apps/api/CHANGELOG.md': lines(5000) });
    repo.commit('chore: lock');

    expect(gate(quality)).toBe(0);
    expect(output.join('\n')).toMatch(/pr-size\s+pass .*0 changed lines/);
  });

  it('fails the run when a tech lead makes pr-size required', () => {
    repo.write({ 'notes.txt': lines(3) });
    repo.commit('docs: notes');
    const config: QualityConfig = {
      ...quality,
      pullRequest: { ...quality.pullRequest, warnAboveChangedLines: 2 },
      gates: { ...quality.gates, 'pr-size': { required: true } },
    };

    expect(gate(config)).toBe(1);
    expect(output.join('\n')).toMatch(/pr-size\s+fail .*3 changed lines \(> 2\)/);
  });
});
