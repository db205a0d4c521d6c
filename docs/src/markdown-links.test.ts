import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoLinksPlugin, siteHref } from './markdown-links.ts';
import { fixtureRepo, type FixtureRepo } from './testing/fixture-repo.ts';

let repo: FixtureRepo | undefined;
afterEach(() => repo?.remove());

function setup(): { root: string; options: { root: string; repoUrl: string; branch: string } } {
  repo = fixtureRepo({
    'apps/api/src/app.ts': '',
    'docs/getting-started.md': '',
    'docs/decisions/README.md': '',
    'playbooks/tdd.md': '',
    'playbooks/katas/retry-after/README.md': '',
    'playbooks/katas/retry-after/spec.ts': '',
  });
  return {
    root: repo.root,
    options: { root: repo.root, repoUrl: 'https://git.example/acme/repo', branch: 'main' },
  };
}

describe('siteHref', () => {
  it('turns links between pages into site routes, keeping anchors', () => {
    const { root, options } = setup();
    const from = join(root, 'playbooks/tdd.md');
    expect(siteHref('../docs/getting-started.md#install', from, options)).toBe('/getting-started.md#install');
    expect(siteHref('../docs/decisions/', from, options)).toBe('/decisions/');
    expect(siteHref('./katas/retry-after', from, options)).toBe('/playbooks/katas/retry-after/');
    expect(siteHref('tdd', join(root, 'playbooks/README.md'), options)).toBe('/playbooks/tdd.md');
  });

  it('turns links to other repo files and folders into repository browser links', () => {
    const { root, options } = setup();
    const from = join(root, 'docs/getting-started.md');
    expect(siteHref('../apps/api/src/app.ts#L3', from, options)).toBe(
      'https://git.example/acme/repo/blob/main/apps/api/src/app.ts#L3',
    );
    expect(siteHref('../apps/api', from, options)).toBe('https://git.example/acme/repo/tree/main/apps/api');
    expect(siteHref('../playbooks/katas/retry-after/spec.ts', from, options)).toBe(
      'https://git.example/acme/repo/blob/main/playbooks/katas/retry-after/spec.ts',
    );
  });

  it('leaves external, absolute, anchor and out-of-repo links alone', () => {
    const { root, options } = setup();
    const from = join(root, 'docs/getting-started.md');
    for (const href of [
      'https://vitepress.dev',
      'mailto:a@b.c',
      '/playbooks/tdd',
      '#top',
      '../../../outside.md',
    ]) {
      expect(siteHref(href, from, options)).toBe(href);
    }
  });
});

describe('repoLinksPlugin', () => {
  it('rewrites link tokens of the page being rendered', () => {
    const { root, options } = setup();
    let rule: ((state: { tokens: unknown[]; env: unknown }) => void) | undefined;
    repoLinksPlugin({ core: { ruler: { push: (_name, fn) => (rule = fn as typeof rule) } } }, options);
    const attrs = new Map([['href', '../apps/api/src/app.ts']]);
    const link = {
      type: 'link_open',
      children: null,
      attrGet: (n: string) => attrs.get(n) ?? null,
      attrSet: (n: string, v: string) => attrs.set(n, v),
    };
    const inline = { type: 'inline', children: [link] };
    rule?.({
      tokens: [{ type: 'paragraph_open', children: null }, inline],
      env: { realPath: join(root, 'docs/getting-started.md') },
    });
    expect(attrs.get('href')).toBe('https://git.example/acme/repo/blob/main/apps/api/src/app.ts');
    rule?.({ tokens: [inline], env: {} });
    expect(attrs.get('href')).toBe('https://git.example/acme/repo/blob/main/apps/api/src/app.ts');
  });
});
