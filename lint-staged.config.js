// pre-commit: only the staged files, so it stays fast. ESLint finds each file's nearest eslint.config.js
// (the workspace's own); files outside any lint config are skipped quietly.
export default {
  '*.{ts,tsx,js,mjs,cjs}': ['eslint --fix --no-warn-ignored --max-warnings=0', 'prettier --write'],
  '*.{json,md,yml,yaml,css,html}': 'prettier --write --ignore-unknown',
};
