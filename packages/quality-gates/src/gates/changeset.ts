// Gate: a change that touches a workspace needs a changeset naming it, or an empty changeset (the escape).
// All our workspaces are private, and `changeset status` ignores private packages unless the config
// versions them, so this gate reads the changeset files itself and also checks that config.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { DiffContext, GateResult } from '../types.ts';
import { workspaceOf } from '../workspaces.ts';

interface ChangesetConfig {
  privatePackages?: { version?: boolean; tag?: boolean } | false;
  ignore?: string[];
}

/** Package names a changeset file releases; an empty list is an empty changeset. */
export function releasesIn(text: string): string[] {
  const match = /^---\r?\n([\s\S]*?)^---\s*$/m.exec(text);
  if (!match) throw new Error('not a changeset: missing --- front matter');
  const data = parse(match[1] ?? '') as Record<string, unknown> | null;
  return Object.keys(data ?? {});
}

function readConfig(root: string): ChangesetConfig | undefined {
  const file = join(root, '.changeset', 'config.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ChangesetConfig) : undefined;
}

export function changesetGate(ctx: DiffContext): GateResult {
  const config = readConfig(ctx.root);
  if (config?.privatePackages === false || config?.privatePackages?.version !== true) {
    return {
      outcome: 'fail',
      summary: '.changeset/config.json must set privatePackages.version to true',
      details: ['Without it changesets silently ignores our private workspaces.'],
    };
  }
  const ignored = new Set(config.ignore ?? []);
  const touched = new Set<string>();
  const released = new Set<string>();
  let empty = false;
  for (const file of ctx.change.files) {
    if (/^\.changeset\/[^/]+\.md$/.test(file.path) && file.path !== '.changeset/README.md') {
      if (file.status === 'D') continue;
      const names = releasesIn(readFileSync(join(ctx.root, file.path), 'utf8'));
      if (names.length === 0) empty = true;
      for (const name of names) released.add(name);
      continue;
    }
    const ws = workspaceOf(file.path, ctx.workspaces);
    if (ws && !ignored.has(ws.name)) touched.add(ws.name);
  }
  const missing = [...touched].filter((name) => !released.has(name)).sort();
  if (missing.length === 0) {
    return {
      outcome: 'pass',
      summary:
        touched.size === 0 ? 'no workspace touched' : `changesets cover ${[...touched].sort().join(', ')}`,
    };
  }
  if (empty)
    return { outcome: 'pass', summary: `empty changeset: no release note for ${missing.join(', ')}` };
  return {
    outcome: 'fail',
    summary: `no changeset for ${missing.join(', ')}`,
    details: [
      'Run `npm run changeset` and pick the touched packages,',
      'or `npm run changeset -- --empty` when the change needs no release note.',
    ],
  };
}
