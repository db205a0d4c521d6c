// `npm run scorecard -w @repo/docs`: writes docs/quality/scorecard.md from the gates' outputs (git-ignored).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { findRepoRoot } from '../repo.ts';
import { buildScorecard, renderScorecard } from '../scorecard.ts';

const root = findRepoRoot(import.meta.dirname);
const card = buildScorecard(root);
const file = join(root, 'docs', 'quality', 'scorecard.md');
mkdirSync(join(root, 'docs', 'quality'), { recursive: true });
// Formatted like every other file, so the repo's format gate passes with the generated page present.
const options = (await resolveConfig(file)) ?? {};
writeFileSync(file, await format(renderScorecard(card), { ...options, filepath: file }));
const measured = card.workspaces.filter((w) => w.coverage).length;
console.log(
  `scorecard: ${measured}/${card.workspaces.length} workspaces with coverage, ${card.contracts.length} pact(s) -> docs/quality/scorecard.md`,
);
