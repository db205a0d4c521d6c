// VitePress data loader: the decision records index, rebuilt on every build and on change in dev.
import { fileURLToPath } from 'node:url';
import { readDecisions, type DecisionSummary } from '../../src/decisions.ts';
import { findRepoRoot } from '../../src/repo.ts';

declare const data: DecisionSummary[];
export { data };

export default {
  watch: ['../../decisions/*.md'],
  load(): DecisionSummary[] {
    return readDecisions(findRepoRoot(fileURLToPath(new URL('.', import.meta.url))));
  },
};
