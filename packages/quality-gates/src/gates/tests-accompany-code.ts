// Gate: a change that touches a workspace's source must touch at least one of that workspace's tests.
// Escape: a `no-test-needed: <reason>` line in the pull request description, visible to every reviewer.
import type { DiffContext, GateResult } from '../types.ts';
import { workspaceOf } from '../workspaces.ts';

const CODE = /\.(?:[cm]?[jt]sx?)$/;
const TEST_FILE = /\.(?:test|spec)\.[cm]?[jt]sx?$/;
const TEST_DIR = /(?:^|\/)(?:tests?|__tests__|e2e|fixtures|pacts)\//;

/** `rel` is relative to its workspace. Tests are *.test.* / *.spec.* files and anything under a tests folder. */
export function isTestPath(rel: string): boolean {
  return TEST_FILE.test(rel) || TEST_DIR.test(rel);
}

/** Source is code under the workspace's src/ that is not a test and not a type declaration. */
export function isSourcePath(rel: string): boolean {
  return rel.startsWith('src/') && CODE.test(rel) && !rel.endsWith('.d.ts') && !isTestPath(rel);
}

/** The reason after `no-test-needed:` in a PR body, or undefined when there is no such line with a reason. */
export function noTestNeededReason(prBody: string): string | undefined {
  const match = /^[\s>*-]*no-test-needed:[ \t]*(\S.*)$/im.exec(prBody);
  return match?.[1]?.trim();
}

export function testsAccompanyCode(ctx: DiffContext): GateResult {
  const sourceChanged = new Map<string, string[]>();
  const testsChanged = new Set<string>();
  for (const file of ctx.change.files) {
    const ws = workspaceOf(file.path, ctx.workspaces);
    if (!ws) continue;
    const rel = file.path.slice(ws.dir.length + 1);
    if (isTestPath(rel)) testsChanged.add(ws.dir);
    else if (file.status !== 'D' && isSourcePath(rel)) {
      sourceChanged.set(ws.dir, [...(sourceChanged.get(ws.dir) ?? []), file.path]);
    }
  }
  const untested = [...sourceChanged.keys()].filter((dir) => !testsChanged.has(dir));
  if (untested.length === 0) {
    return {
      outcome: 'pass',
      summary:
        sourceChanged.size === 0
          ? 'no workspace source changed'
          : `tests changed in ${[...sourceChanged.keys()].join(', ')}`,
    };
  }
  const reason = noTestNeededReason(ctx.prBody);
  if (reason) return { outcome: 'pass', summary: `escaped (no-test-needed: ${reason})` };
  return {
    outcome: 'fail',
    summary: `source changed without tests in ${untested.join(', ')}`,
    details: [
      ...untested.flatMap((dir) => (sourceChanged.get(dir) ?? []).map((path) => `  ${path}`)),
      'Add or change a test in the same workspace, or put a line `no-test-needed: <reason>` in the PR body.',
    ],
  };
}
