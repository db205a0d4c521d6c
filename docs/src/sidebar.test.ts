import { afterEach, describe, expect, it } from 'vitest';
import { buildSidebar } from './sidebar.ts';
import { fixtureRepo, page, type FixtureRepo } from './testing/fixture-repo.ts';

let repo: FixtureRepo | undefined;
afterEach(() => repo?.remove());

describe('generated sidebar', () => {
  it('picks up playbooks, katas, reference pages and decision records from the file system', () => {
    repo = fixtureRepo({
      'docs/index.md': page('lead', '2026-11-29', ''),
      'docs/getting-started.md': page('lead', '2026-11-29', '# Getting started'),
      'docs/reference/report-runs.md': page('api', '2026-11-29', '# Report runs API'),
      'docs/decisions/README.md': page('lead', '2026-11-29', '# Decision records'),
      'docs/decisions/template.md': page('lead', '2026-11-29', '# Template'),
      'docs/decisions/011-pg-boss.md': page('worker', '2026-11-29', '# 011. Queue on pg-boss'),
      'docs/decisions/002-node-24.md': page('lead', '2026-11-29', '# 002. Node 24'),
      'docs/guides/extra.md': page('lead', '2026-11-29', '# Extra'),
      'playbooks/README.md': page('lead', '2026-11-29', '# Playbooks'),
      'playbooks/code-review.md': '---\nowner: lead\nlast_reviewed: 2026-11-29\norder: 2\n---\n# Code review',
      'playbooks/tdd.md': '---\nowner: lead\nlast_reviewed: 2026-11-29\norder: 1\n---\n# TDD',
      'playbooks/insights.md':
        '---\nowner: data\nlast_reviewed: 2026-11-29\norder: 12\ngroup: missions\n---\n# Insights',
      'playbooks/katas/retry-after/README.md': page('lead', '2026-11-29', '# Kata: Retry-After'),
    });
    const sidebar = buildSidebar(repo.root, 'en');
    expect(sidebar.map((g) => g.text)).toEqual([
      'Start here',
      'Playbooks',
      'The four missions',
      'Katas',
      'Reference',
      'Decisions',
      'Quality',
      'More',
    ]);
    expect(sidebar[1]?.items).toEqual([
      { text: 'Overview', link: '/playbooks/' },
      { text: 'TDD', link: '/playbooks/tdd' },
      { text: 'Code review', link: '/playbooks/code-review' },
    ]);
    expect(sidebar[2]?.items).toEqual([{ text: 'Insights', link: '/playbooks/insights' }]);
    expect(sidebar[5]?.items?.map((i) => i.text)).toEqual([
      'Decision records',
      '002. Node 24',
      '011. Queue on pg-boss',
      'Template',
    ]);
    expect(sidebar[6]?.items).toEqual([{ text: 'scorecard', link: '/quality/scorecard' }]);
  });

  it('gives the pt-BR locale its translated pages and the untranslated playbooks in English', () => {
    repo = fixtureRepo({
      'docs/pt-BR/getting-started.md': page('lead', '2026-11-29', '# Primeiros passos'),
      'docs/pt-BR/playbooks/insights.md': page('lead', '2026-11-29', '# Insights'),
      'playbooks/insights.md': page('lead', '2026-11-29', '# Insights'),
      'playbooks/tdd.md': page('lead', '2026-11-29', '# TDD'),
    });
    const sidebar = buildSidebar(repo.root, 'pt-BR');
    expect(sidebar.map((g) => g.text)).toEqual([
      'Comece aqui',
      'Playbooks',
      'Playbooks (em inglês)',
      'Qualidade',
    ]);
    expect(sidebar[1]?.items).toEqual([{ text: 'Insights', link: '/pt-BR/playbooks/insights' }]);
    expect(sidebar[2]?.items).toEqual([{ text: 'TDD', link: '/playbooks/tdd' }]);
  });
});
