import { afterEach, describe, expect, it } from 'vitest';
import { findRepoRoot, isInSite, listPages, routeOf, srcExcludes, urlOf } from './repo.ts';
import { fixtureRepo, type FixtureRepo } from './testing/fixture-repo.ts';

let repo: FixtureRepo | undefined;
afterEach(() => repo?.remove());

describe('site layout', () => {
  it('serves docs/ at the site root and a README as its folder index', () => {
    expect(routeOf('docs/getting-started.md')).toBe('getting-started.md');
    expect(routeOf('docs/decisions/README.md')).toBe('decisions/index.md');
    expect(routeOf('playbooks/katas/retry-after/README.md')).toBe('playbooks/katas/retry-after/index.md');
    expect(urlOf('docs/pt-BR/playbooks/insights.md')).toBe('/pt-BR/playbooks/insights');
    expect(urlOf('playbooks/README.md')).toBe('/playbooks/');
    expect(urlOf('docs/index.md')).toBe('/');
  });

  it('lists pages of docs/ and playbooks/ only, skipping build output and dot folders', () => {
    repo = fixtureRepo({
      'README.md': '',
      'apps/web/README.md': '',
      'docs/a.md': '',
      'docs/.vitepress/cache/x.md': '',
      'docs/node_modules/y.md': '',
      'playbooks/katas/k/README.md': '',
      'playbooks/katas/k/spec.ts': '',
    });
    expect(listPages(repo.root)).toEqual(['docs/a.md', 'playbooks/katas/k/README.md']);
    expect(srcExcludes(repo.root)).toEqual([
      'docs/.vitepress/**',
      '**/node_modules/**',
      'README.md',
      'apps/**',
      'package.json',
      'quality.config.ts',
    ]);
    expect(isInSite('playbooks/tdd.md')).toBe(true);
    expect(isInSite('apps/web/src/main.tsx')).toBe(false);
  });

  it('finds the repo root from a nested folder and says so when there is none', () => {
    repo = fixtureRepo({ 'docs/src/x.ts': '' });
    expect(findRepoRoot(`${repo.root}/docs/src`)).toBe(repo.root);
    expect(() => findRepoRoot('/')).toThrow(/quality.config.ts not found/);
  });
});
