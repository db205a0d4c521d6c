import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_REPO_URL, repoUrl } from './site-config.ts';
import { fixtureRepo, type FixtureRepo } from './testing/fixture-repo.ts';

let repo: FixtureRepo | undefined;
afterEach(() => repo?.remove());

describe('repository URL for source links', () => {
  it('prefers DOCS_REPO_URL', () => {
    expect(repoUrl('/', { DOCS_REPO_URL: 'https://github.com/acme/x/' })).toBe('https://github.com/acme/x');
  });

  it('derives an https URL from an ssh or https origin remote, else uses the default', () => {
    repo = fixtureRepo({});
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo?.root, stdio: 'pipe' });
    git('init', '-q');
    expect(repoUrl(repo.root, {})).toBe(DEFAULT_REPO_URL);
    git('remote', 'add', 'origin', 'git@github.com:acme/clinic.git');
    expect(repoUrl(repo.root, {})).toBe('https://github.com/acme/clinic');
    git('remote', 'set-url', 'origin', 'https://github.com/acme/clinic.git');
    expect(repoUrl(repo.root, {})).toBe('https://github.com/acme/clinic');
  });
});
