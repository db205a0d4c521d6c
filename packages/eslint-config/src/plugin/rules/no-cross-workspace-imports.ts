// Dependency boundaries: an app never imports another app, a package never imports an app,
// and nobody reaches into another workspace's files by relative path.
import { dirname, relative, resolve, sep } from 'node:path';
import type { Rule } from 'eslint';
import { appPackageNames, repoRoot } from './repo.ts';

interface Workspace {
  kind: 'apps' | 'packages';
  name: string;
}

function workspaceOf(file: string, root: string): Workspace | undefined {
  const [kind, name] = relative(root, file).split(sep);
  if ((kind === 'apps' || kind === 'packages') && name) return { kind, name };
  return undefined;
}

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
    const root = repoRoot(file);
    const here = root ? workspaceOf(file, root) : undefined;
    const apps = root ? appPackageNames(root) : new Set<string>();
    function check(node: Rule.Node, source: unknown): void {
      if (typeof source !== 'string') return;
      const bare = source.startsWith('@') ? source.split('/').slice(0, 2).join('/') : source.split('/')[0];
      if (bare && apps.has(bare)) {
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
