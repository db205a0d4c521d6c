import { afterEach, describe, expect, it } from 'vitest';
import { checkLinks, extractLinks, extractScripts } from './links.ts';
import { fixtureRepo, page, type FixtureRepo } from './testing/fixture-repo.ts';

let repo: FixtureRepo | undefined;
afterEach(() => repo?.remove());

const apiPackage = JSON.stringify({ name: '@repo/report-api', scripts: { 'bench:reports': 'x' } });

describe('extractLinks', () => {
  it('finds inline and reference links with their file line, ignoring code blocks and inline code', () => {
    const text = [
      '---',
      'owner: a',
      '---',
      'See [the app](../apps/api/src/app.ts) and `[not](a-link.md)`.',
      '```md',
      '[also not](inside-code.md)',
      '```',
      '[ref]: ./other.md "Other"',
    ].join('\n');
    expect(extractLinks(text)).toEqual([
      { target: '../apps/api/src/app.ts', line: 4 },
      { target: './other.md', line: 8 },
    ]);
  });
});

describe('extractScripts', () => {
  it('reads npm run, npm test and npm start, with the workspace named by -w or --workspace', () => {
    const text =
      'npm test\n```bash\nnpm run build -w @repo/docs\nnpm run kata -- retry-after\nnpm run x --workspace=apps/web && npm start\n```';
    expect(extractScripts(text)).toEqual([
      { script: 'test', line: 1 },
      { script: 'build', workspace: '@repo/docs', line: 3 },
      { script: 'kata', line: 4 },
      { script: 'x', workspace: 'apps/web', line: 5 },
      { script: 'start', line: 5 },
    ]);
  });
});

describe('checkLinks', () => {
  it('reports a relative link to a repo file that does not exist, with file and line', () => {
    repo = fixtureRepo({
      'apps/api/src/app.ts': '',
      'playbooks/tdd.md': page(
        'lead',
        '2026-11-29',
        'Real [app](../apps/api/src/app.ts).\nGone [route](../apps/api/src/route.ts).',
      ),
    });
    const issues = checkLinks(repo.root, { strict: false });
    expect(issues).toEqual([
      expect.objectContaining({ check: 'links', severity: 'error', file: 'playbooks/tdd.md', line: 7 }),
    ]);
    expect(issues[0]?.message).toContain('apps/api/src/route.ts does not exist');
  });

  it('accepts links to pages without the .md extension, with anchors, to folders and to the generated scorecard', () => {
    repo = fixtureRepo({
      'apps/api/README.md': '',
      'docs/getting-started.md': page(
        'lead',
        '2026-11-29',
        '[tdd](../playbooks/tdd#red) [api](../apps/api/) [score](./quality/scorecard.md)',
      ),
      'playbooks/tdd.md': page(
        'lead',
        '2026-11-29',
        '[start](../docs/getting-started.md#install) [web](https://example.com) [top](#x)',
      ),
    });
    expect(checkLinks(repo.root, { strict: false })).toEqual([]);
  });

  it('rejects links that leave the repo and absolute links to pages that do not exist', () => {
    repo = fixtureRepo({
      'docs/reference/api.md': page(
        'api',
        '2026-11-29',
        '[up](../../../etc/passwd) [site](/playbooks/tdd) [home](/getting-started)',
      ),
      'docs/getting-started.md': page('lead', '2026-11-29', 'start'),
    });
    const messages = checkLinks(repo.root, { strict: false }).map((i) => i.message);
    expect(messages).toEqual(['../../../etc/passwd leaves the repo', 'no page at /playbooks/tdd']);
  });

  it('warns about an npm script no package.json defines yet, and fails on it in strict mode', () => {
    repo = fixtureRepo({
      'apps/report-api/package.json': apiPackage,
      'playbooks/capacity.md': page(
        'lead',
        '2026-11-29',
        '```bash\nnpm run db:reset\nnpm run capacity\nnpm run bench:reports -w @repo/report-api\nnpm run x -w @repo/nope\n```',
      ),
    });
    const lenient = checkLinks(repo.root, { strict: false });
    expect(lenient.map((i) => [i.severity, i.line, i.message])).toEqual([
      ['warning', 8, 'npm run capacity: not in the root package.json'],
      ['warning', 10, 'no workspace @repo/nope'],
    ]);
    expect(checkLinks(repo.root, { strict: true }).map((i) => i.severity)).toEqual(['error', 'error']);
  });
});
