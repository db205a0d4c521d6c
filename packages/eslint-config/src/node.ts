import globals from 'globals';
import type { Linter } from 'eslint';
import { base } from './base.ts';

/** Preset for Node services, packages and scripts. Scripts (CLIs) may print to the console. */
export function node(tsconfigRootDir: string): Linter.Config[] {
  return [
    ...base(tsconfigRootDir),
    { languageOptions: { globals: { ...globals.node } } },
    { files: ['**/cli/**', 'scripts/**', '**/bench/**'], rules: { 'no-console': 'off' } },
  ];
}
