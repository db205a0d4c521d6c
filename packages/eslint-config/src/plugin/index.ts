// The team's own lint rules. Each rule has fixture tests in ../plugin.test.ts.
import type { ESLint } from 'eslint';
import { noCrossWorkspaceImports } from './rules/no-cross-workspace-imports.ts';

export const repoPlugin: ESLint.Plugin = {
  meta: { name: '@repo/eslint-plugin' },
  rules: {
    'no-cross-workspace-imports': noCrossWorkspaceImports,
  },
};
