// The team's own lint rules. Each rule has fixture tests in ../../tests.
import type { ESLint } from 'eslint';
import { noCrossWorkspaceImports } from './rules/no-cross-workspace-imports.ts';
import { noRawFetch } from './rules/no-raw-fetch.ts';

export const repoPlugin: ESLint.Plugin = {
  meta: { name: '@repo/eslint-plugin' },
  rules: {
    'no-cross-workspace-imports': noCrossWorkspaceImports,
    'no-raw-fetch': noRawFetch,
  },
};
