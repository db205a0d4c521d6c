// Root lint config: covers the root scripts and config files (lint-staged runs from the root).
import { node } from '@repo/eslint-config/node';

export default [
  {
    ignores: [
      'apps/**',
      'packages/**',
      'docs/**',
      'contracts/**',
      'playbooks/**',
      'turbo/generators/templates/**',
    ],
  },
  ...node(import.meta.dirname),
];
