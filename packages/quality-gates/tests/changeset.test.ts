import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { quality } from '../../../quality.config.ts';
import { runCli } from '../src/cli.ts';
import { releasesIn } from '../src/gates/changeset.ts';
import { createTempRepo, monorepoFiles, type TempRepo } from './helpers/temp-repo.ts';

let repo: TempRepo;
let output: string[];

function gate(): number {
  output = [];
  return runCli(['changeset', '--base', 'main'], {
    root: repo.dir,
    env: {},
    config: quality,
    log: (line) => output.push(line),
  });
}

beforeEach(() => {
  repo = createTempRepo(monorepoFiles());
  repo.commit('chore: initial');
  repo.git('checkout', '--quiet', '-b', 'feature');
  repo.write({ 'packages/lib/tests/sum.test.ts': "import '../src/sum.ts';\n// more\n" });
});

afterEach(() => {
  repo.remove();
});

describe('changeset gate', () => {
  it('fails a change that touches a private workspace without a changeset', () => {
    repo.commit('test(lib): more');

    expect(gate()).toBe(1);
    expect(output.join('\n')).toMatch(/changeset\s+fail .*no changeset for @repo\/lib/);
  });

  it('passes when a changeset names the touched package', () => {
    repo.write({ '.changeset/brave-lions.md': "---\n'@repo/lib': patch\n---\n\nMore sum tests.\n" });
    repo.commit('test(lib): more');

    expect(gate()).toBe(0);
    expect(output.join('\n')).toContain('changesets cover @repo/lib');
  });

  it('fails when the changeset names a different package than the one touched', () => {
    repo.write({ '.changeset/brave-lions.md': "---\n'@repo/api': minor\n---\n\nApi.\n" });
    repo.commit('test(lib): more');

    expect(gate()).toBe(1);
  });

  it('passes with an empty changeset, the documented escape', () => {
    repo.write({ '.changeset/quiet-owls.md': '---\n---\n' });
    repo.commit('test(lib): more');

    expect(gate()).toBe(0);
    expect(output.join('\n')).toContain('empty changeset');
  });

  it('passes when no workspace is touched', () => {
    repo.git('checkout', '--quiet', '--', '.');
    repo.write({ 'README.md': '# root\n' });
    repo.commit('docs: readme');

    expect(gate()).toBe(0);
  });

  it('fails when the changesets config does not version private packages (the trap)', () => {
    repo.write({
      '.changeset/config.json': JSON.stringify({ ignore: [] }),
      '.changeset/quiet-owls.md': '---\n---\n',
    });
    repo.commit('test(lib): more');

    expect(gate()).toBe(1);
    expect(output.join('\n')).toContain('privatePackages.version');
  });

  it('reads package names from changeset front matter', () => {
    expect(releasesIn('---\n"@repo/a": patch\n\'@repo/b\': minor\n---\n\ntext\n')).toEqual([
      '@repo/a',
      '@repo/b',
    ]);
    expect(releasesIn('---\n---\n')).toEqual([]);
    expect(() => releasesIn('no front matter')).toThrow(/front matter/);
  });
});
