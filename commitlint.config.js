// Conventional commits: `type(scope): subject`, e.g. `feat(report-api): add report runs`.
// Scopes are free-form; by convention a workspace folder name (report-api, db, web) or repo/ci/deps.
export default {
  extends: ['@commitlint/config-conventional'],
  rules: {
    // A long header is a smell (split the commit), not a broken history: warn, don't block.
    'header-max-length': [1, 'always', 100],
    'body-max-line-length': [1, 'always', 100],
    // Subjects may start with a proper noun or an acronym: "docs(report-api): HTTP conventions reference".
    'subject-case': [0],
  },
};
