// Conventional commits: `type(scope): subject`, e.g. `feat(report-api): add report runs`.
// Scopes are free-form; by convention a workspace folder name (report-api, db, web) or repo/ci/deps.
export default {
  extends: ['@commitlint/config-conventional'],
  rules: {
    'header-max-length': [2, 'always', 100],
    'body-max-line-length': [1, 'always', 100],
  },
};
