// Settings the VitePress config and the tests share: where the repository browser lives for source links.
import { execFileSync } from 'node:child_process';

/** Fallback until the repo has a remote; set DOCS_REPO_URL in CI (e.g. https://github.com/acme/clinic-reports). */
export const DEFAULT_REPO_URL = 'https://github.com/clinic-reports/clinic-reports';

/** DOCS_REPO_URL, else the `origin` remote as an https URL, else the documented default. */
export function repoUrl(root: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.DOCS_REPO_URL) return env.DOCS_REPO_URL.replace(/\/$/, '');
  try {
    const origin = execFileSync('git', ['remote', 'get-url', 'origin'], {
      cwd: root,
      encoding: 'utf8',
      stdio: 'pipe',
    }).trim();
    const ssh = /^git@([^:]+):(.+?)(\.git)?$/.exec(origin);
    if (ssh) return `https://${ssh[1] ?? ''}/${ssh[2] ?? ''}`;
    if (origin.startsWith('https://')) return origin.replace(/\.git$/, '');
  } catch {
    // No git or no remote: use the default below.
  }
  return DEFAULT_REPO_URL;
}
