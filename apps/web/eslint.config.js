import { react } from '@repo/eslint-config/react';

// Imports flow one way inside the app: app -> features -> shared (bulletproof-react).
const boundaries = [
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/features/**', '**/app/**'], message: 'shared/ must not import features/ or app/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/features/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/app/**'], message: 'features/ must not import app/.' }] },
      ],
    },
  },
];

// Scripts and the e2e harness are Node CLIs: they report on the console.
const clis = { files: ['scripts/**', 'e2e/**'], rules: { 'no-console': 'off' } };

export default [{ ignores: ['public/**', 'dist/**'] }, ...react(import.meta.dirname), ...boundaries, clis];
