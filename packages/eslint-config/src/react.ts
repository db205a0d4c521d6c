import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import type { Linter } from 'eslint';
import { base } from './base.ts';

/** Preset for React apps: browser globals and the rules of hooks. */
export function react(tsconfigRootDir: string): Linter.Config[] {
  return [
    ...base(tsconfigRootDir),
    { languageOptions: { globals: { ...globals.browser } } },
    {
      plugins: { 'react-hooks': reactHooks as never },
      rules: {
        'react-hooks/rules-of-hooks': 'error',
        'react-hooks/exhaustive-deps': 'error',
      },
    },
  ];
}
