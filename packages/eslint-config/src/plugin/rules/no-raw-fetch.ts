// Network calls from the web app go through @repo/api-client (typed errors, retries, problem+json parsing).
// Raw fetch, XMLHttpRequest and axios are errors; the API client's own workspace is the one allowed place.
import { relative, sep } from 'node:path';
import type { Rule, Scope } from 'eslint';
import type { Expression, Super } from 'estree';
import { repoRoot } from './repo.ts';

const GLOBAL_OBJECTS = new Set(['window', 'globalThis', 'self']);
const DEFAULT_ALLOWED = ['packages/api-client'];

/** True when `name` at this point refers to the global (not a local variable or parameter of that name). */
function isGlobal(scope: Scope.Scope, name: string): boolean {
  let current: Scope.Scope | null = scope;
  while (current) {
    const variable = current.set.get(name);
    if (variable && variable.defs.length > 0) return false;
    current = current.upper;
  }
  return true;
}

function isAllowedFile(file: string, allowed: string[]): boolean {
  const root = repoRoot(file);
  if (!root) return false;
  const rel = relative(root, file).split(sep).join('/');
  return allowed.some((dir) => rel === dir || rel.startsWith(`${dir}/`));
}

export const noRawFetch: Rule.RuleModule = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid raw fetch, XMLHttpRequest and axios outside the API client package' },
    messages: {
      fetch: '{{what}} bypasses the API client: call @repo/api-client instead (typed errors, retries).',
    },
    schema: [
      {
        type: 'object',
        properties: { allowIn: { type: 'array', items: { type: 'string' } } },
        additionalProperties: false,
      },
    ],
  },
  create(context) {
    const options = (context.options[0] ?? {}) as { allowIn?: string[] };
    if (isAllowedFile(context.filename, options.allowIn ?? DEFAULT_ALLOWED)) return {};
    const report = (node: Rule.Node, what: string): void => {
      context.report({ node, messageId: 'fetch', data: { what } });
    };
    const scopeOf = (node: Rule.Node): Scope.Scope => context.sourceCode.getScope(node);
    /** `fetch`, `window.fetch`, `globalThis.XMLHttpRequest`, ... → the global's name, else undefined. */
    const globalName = (node: Rule.Node, callee: Expression | Super): string | undefined => {
      if (callee.type === 'Identifier') return isGlobal(scopeOf(node), callee.name) ? callee.name : undefined;
      if (
        callee.type === 'MemberExpression' &&
        !callee.computed &&
        callee.object.type === 'Identifier' &&
        GLOBAL_OBJECTS.has(callee.object.name) &&
        callee.property.type === 'Identifier' &&
        isGlobal(scopeOf(node), callee.object.name)
      ) {
        return `${callee.object.name}.${callee.property.name}`;
      }
      return undefined;
    };
    const importSource = (node: Rule.Node, source: unknown): void => {
      if (typeof source === 'string' && (source === 'axios' || source.startsWith('axios/'))) {
        report(node, `import '${source}'`);
      }
    };
    return {
      CallExpression(node) {
        const name = globalName(node, node.callee);
        if (name === 'fetch' || name?.endsWith('.fetch')) report(node, `${name}()`);
      },
      NewExpression(node) {
        const name = globalName(node, node.callee);
        if (name === 'XMLHttpRequest' || name?.endsWith('.XMLHttpRequest')) report(node, `new ${name}`);
      },
      ImportDeclaration(node) {
        importSource(node, node.source.value);
      },
      ImportExpression(node) {
        if (node.source.type === 'Literal') importSource(node, node.source.value);
      },
    };
  },
};
