import { afterEach, describe, expect, it } from 'vitest';
import { readDecisions, statusOf } from './decisions.ts';
import { fixtureRepo, page, type FixtureRepo } from './testing/fixture-repo.ts';

let repo: FixtureRepo | undefined;
afterEach(() => repo?.remove());

describe('decision records index', () => {
  it('lists numbered records in order with title, status and owner, leaving out the README and template', () => {
    repo = fixtureRepo({
      'docs/decisions/README.md': page('lead', '2026-11-29', '# Decision records'),
      'docs/decisions/template.md': page('lead', '2026-11-29', '# NNN. Title'),
      'docs/decisions/090-vitepress.md': page(
        'docs',
        '2026-11-29',
        '# 090. Docs site with VitePress\n\n## Status\n\nAccepted\n',
      ),
      'docs/decisions/010-kysely.md': page(
        'db',
        '2026-11-29',
        '# 010: Kysely\n\nStatus: Superseded by 012\n',
      ),
    });
    expect(readDecisions(repo.root)).toEqual([
      {
        number: '010',
        title: 'Kysely',
        status: 'Superseded by 012',
        owner: 'db',
        url: '/decisions/010-kysely',
      },
      {
        number: '090',
        title: 'Docs site with VitePress',
        status: 'Accepted',
        owner: 'docs',
        url: '/decisions/090-vitepress',
      },
    ]);
  });

  it('reads the status from front matter or bold text, and says unknown when there is none', () => {
    expect(statusOf('---\nstatus: Proposed\n---\n')).toBe('Proposed');
    expect(statusOf('**Status:** Accepted (2026-11-29)\n')).toBe('Accepted (2026-11-29)');
    expect(statusOf('# Title\n')).toBe('unknown');
  });

  it('returns nothing when there is no decisions folder', () => {
    repo = fixtureRepo({});
    expect(readDecisions(repo.root)).toEqual([]);
  });
});
