// contracts/ is not a workspace, but its scripts are code: lint them like any Node package
// (`npx eslint contracts`); the root config ignores this folder.
import { node } from '@repo/eslint-config/node';

export default node(import.meta.dirname);
