import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { quality } from '../../../quality.config.ts';
import { resolveBase, resolvePrBody, runCli } from '../src/cli.ts';
import type { Gate } from '../src/registry.ts';
import { formatTable, runGates } from '../src/verify.ts';
import { createTempRepo, monorepoFiles, type TempRepo } from './helpers/temp-repo.ts';

let repo: TempRepo;
let output: string[];

const nodeGate = (name: string, code: string): Gate => ({
  name,
  kind: 'command',
  checks: name,
  command: ['node', '-e', code],
});

const fakeGates: Gate[] = [
  nodeGate('format', 'process.exit(0)'),
  nodeGate('lint', 'console.error("apps/web/src/x.ts: no-floating-promises"); process.exit(1)'),
  {
    name: 'test',
    kind: 'command',
    checks: 'test',
    command: ['node', '-e', ''],
    summarize: () => ({ outcome: 'pass', summary: '3 passed, 0 failed' }),
  },
  { name: 'pr-size', kind: 'diff', checks: 'size', check: () => ({ outcome: 'fail', summary: 'too big' }) },
  {
    name: 'changeset',
    kind: 'diff',
    checks: 'changeset',
    check: () => {
      throw new Error('cannot read .changeset');
    },
  },
];

function cli(argv: string[], env: NodeJS.ProcessEnv = {}): number {
  output = [];
  return runCli(argv, {
    root: repo.dir,
    env,
    config: quality,
    log: (line) => output.push(line),
    gates: fakeGates,
  });
}

beforeEach(() => {
  repo = createTempRepo(monorepoFiles());
  repo.commit('chore: initial');
});

afterEach(() => {
  repo.remove();
});

describe('npm run verify', () => {
  it('prints a table with gate, result and seconds for every gate, and fails when a required gate fails', () => {
    expect(cli(['--base', 'main'])).toBe(1);
    const text = output.join('\n');

    expect(text).toMatch(/^gate\s+result\s+seconds\s+summary$/m);
    expect(text).toMatch(/^format\s+pass\s+\d+\.\d\s/m);
    expect(text).toMatch(/^lint\s+fail\s+\d+\.\d\s+node -e .* exited with 1$/m);
    expect(text).toMatch(/^test\s+pass\s+\d+\.\d\s+3 passed, 0 failed$/m);
    expect(text).toMatch(/^changeset\s+fail\s+\d+\.\d\s+cannot read .changeset$/m);
    expect(text).toContain('no-floating-promises');
  });

  it('reports a failing gate that quality.config.ts does not require as a warning', () => {
    expect(cli(['pr-size', '--base', 'main'])).toBe(0);
    expect(output.join('\n')).toMatch(/^pr-size\s+warn\s+\d+\.\d\s+too big$/m);
  });

  it('skips the diff-based gates when there is no base ref to compare with', () => {
    repo.git('branch', '-m', 'trunk');
    expect(cli(['--only', 'pr-size,format'])).toBe(0);
    expect(output.join('\n')).toMatch(/^pr-size\s+skip\s+\d+\.\d\s+no base ref/m);
  });

  it('fails the diff-based gates when the base ref does not exist', () => {
    expect(cli(['pr-size', '--base', 'origin/nope'])).toBe(1);
    expect(output.join('\n')).toContain("base ref 'origin/nope' does not exist");
  });

  it('rejects an unknown gate name and lists the known ones', () => {
    expect(() => cli(['lnt'])).toThrow(/unknown gate lnt; known: format, lint, test, pr-size, changeset/);
    expect(cli(['--list'])).toBe(0);
    expect(output).toContain('lint: lint');
  });

  it('takes the base from --base, then $GATE_BASE, then origin/main, then main', () => {
    expect(resolveBase(repo.dir, 'v1', { GATE_BASE: 'x' })).toBe('v1');
    expect(resolveBase(repo.dir, undefined, { GATE_BASE: 'x' })).toBe('x');
    expect(resolveBase(repo.dir, undefined, {})).toBe('main');
    repo.git('update-ref', 'refs/remotes/origin/main', 'HEAD');
    expect(resolveBase(repo.dir, undefined, {})).toBe('origin/main');
  });

  it('takes the PR body from a file or from $PR_BODY', () => {
    expect(resolvePrBody(undefined, { PR_BODY: 'body' })).toBe('body');
    expect(resolvePrBody(undefined, {})).toBe('');
    expect(() => resolvePrBody('/nonexistent/body.md', {})).toThrow(/does not exist/);
  });

  it('formats seconds with one decimal and lists details only for failures and warnings', () => {
    const table = formatTable([
      { gate: 'a', outcome: 'pass', seconds: 1.234, summary: 'ok', details: ['hidden'] },
      { gate: 'b', outcome: 'warn', seconds: 0, summary: 'big', details: ['shown'] },
    ]);
    expect(table).toContain('    1.2  ok');
    expect(table).not.toContain('hidden');
    expect(table).toContain('b:\nshown');
  });

  it('runs the gates in the order given and times each one', () => {
    const rows = runGates({
      root: repo.dir,
      gates: [nodeGate('slow', 'setTimeout(() => {}, 300)'), nodeGate('fast', '')],
      config: quality,
      base: undefined,
      prBody: '',
    });
    expect(rows.map((r) => r.gate)).toEqual(['slow', 'fast']);
    expect(rows[0]?.seconds).toBeGreaterThanOrEqual(0.3);
  });
});
