import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import type { Linter } from 'eslint';
import { base } from './base.ts';

/** Preset for React apps: browser globals, the rules of hooks, and no raw fetch outside @repo/api-client. */
export function react(tsconfigRootDir: string): Linter.Config[] {
  return [
    ...base(tsconfigRootDir),
    { languageOptions: { globals: { ...globals.browser } } },
    {
      plugins: { 'react-hooks': reactHooks as never },
      rules: {
        'react-hooks/rules-of-hooks': 'error',
        'react-hooks/exhaustive-deps': 'error',
        // The web app talks to the API only through @repo/api-client.
        '@repo/no-raw-fetch': 'error',
      },
    },
  ];
}
