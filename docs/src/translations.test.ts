import { afterEach, describe, expect, it } from 'vitest';
import { checkTranslations, counterpartOf, originalOf } from './translations.ts';
import { fixtureRepo, page, type FixtureRepo } from './testing/fixture-repo.ts';

let repo: FixtureRepo | undefined;
afterEach(() => repo?.remove());

describe('pt-BR counterparts', () => {
  it('maps docs and playbooks pages to their pt-BR paths and back', () => {
    expect(counterpartOf('docs/getting-started.md')).toBe('docs/pt-BR/getting-started.md');
    expect(counterpartOf('playbooks/insights.md')).toBe('docs/pt-BR/playbooks/insights.md');
    expect(originalOf('docs/pt-BR/playbooks/insights.md')).toBe('playbooks/insights.md');
    expect(originalOf('docs/pt-BR/getting-started.md')).toBe('docs/getting-started.md');
  });

  it('fails when a required page has no pt-BR counterpart, and when the required page itself is gone', () => {
    repo = fixtureRepo({
      'docs/getting-started.md': page('lead', '2026-11-29', ''),
      'docs/pt-BR/getting-started.md': page('lead', '2026-11-29', ''),
      'playbooks/insights.md': page('lead', '2026-11-29', ''),
    });
    const required = [
      'docs/getting-started.md',
      'playbooks/insights.md',
      'playbooks/capacity-and-scaling.md',
    ];
    expect(checkTranslations(repo.root, required).map((i) => [i.severity, i.file, i.message])).toEqual([
      ['error', 'playbooks/insights.md', 'pt-BR counterpart docs/pt-BR/playbooks/insights.md is missing'],
      ['error', 'playbooks/capacity-and-scaling.md', 'required page is missing'],
    ]);
  });

  it('warns about a translation without an original and one reviewed before its original', () => {
    repo = fixtureRepo({
      'playbooks/insights.md': page('lead', '2026-11-29', ''),
      'docs/pt-BR/playbooks/insights.md': page('lead', '2026-10-01', ''),
      'docs/pt-BR/old.md': page('lead', '2026-11-29', ''),
    });
    expect(checkTranslations(repo.root, []).map((i) => [i.severity, i.file])).toEqual([
      ['warning', 'docs/pt-BR/old.md'],
      ['warning', 'docs/pt-BR/playbooks/insights.md'],
    ]);
  });
});
