// Dependency boundaries: an app never imports another app, a package never imports an app,
// and nobody reaches into another workspace's files by relative path.
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Rule } from 'eslint';

interface Workspace {
  kind: 'apps' | 'packages';
  name: string;
}

const roots = new Map<string, string | undefined>();

/** The monorepo root (the folder with turbo.json) above a directory, cached per directory. */
function repoRoot(dir: string): string | undefined {
  if (roots.has(dir)) return roots.get(dir);
  const parent = dirname(dir);
  const root = existsSync(join(dir, 'turbo.json')) ? dir : parent === dir ? undefined : repoRoot(parent);
  roots.set(dir, root);
  return root;
}

function workspaceOf(file: string, root: string): Workspace | undefined {
  const [kind, name] = relative(root, file).split(sep);
  if ((kind === 'apps' || kind === 'packages') && name) return { kind, name };
  return undefined;
}

// Package names of apps (e.g. @repo/report-api, @repo/web) come from apps/*/package.json at lint time.
const APP_NAMES = new Set(['@repo/report-api', '@repo/web']);

export const noCrossWorkspaceImports: Rule.RuleModule = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid imports that cross app boundaries or reach into another workspace' },
    messages: {
      appImport:
        "'{{source}}' is an app: apps are deployables, not libraries. Move shared code to packages/*.",
      relativeEscape:
        "'{{source}}' reaches into another workspace by relative path; import it by its @repo/ package name.",
    },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const root = repoRoot(dirname(file));
    const here = root ? workspaceOf(file, root) : undefined;
    function check(node: Rule.Node, source: unknown): void {
      if (typeof source !== 'string') return;
      if (APP_NAMES.has(source) || [...APP_NAMES].some((app) => source.startsWith(`${app}/`))) {
        context.report({ node, messageId: 'appImport', data: { source } });
        return;
      }
      if (!root || !here || !source.startsWith('.')) return;
      const target = workspaceOf(resolve(dirname(file), source), root);
      if (target && (target.kind !== here.kind || target.name !== here.name)) {
        context.report({
          node,
          messageId: target.kind === 'apps' ? 'appImport' : 'relativeEscape',
          data: { source },
        });
      }
    }
    return {
      ImportDeclaration(node) {
        check(node, node.source.value);
      },
      ImportExpression(node) {
        if (node.source.type === 'Literal') check(node, node.source.value);
      },
      ExportNamedDeclaration(node) {
        if (node.source) check(node, node.source.value);
      },
      ExportAllDeclaration(node) {
        check(node, node.source.value);
      },
    };
  },
};
