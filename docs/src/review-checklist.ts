// The code review checklist exists twice on purpose: in the PR template (where authors tick it) and in the
// code review playbook (where it is explained). This keeps the two texts identical.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The `- [ ] **Item**: ...` lines of a Markdown file's "Code review checklist" section. */
export function checklistItems(markdown: string): string[] {
  return markdown
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^- \[ \] \*\*[^*]+\*\*:/.test(line));
}

export interface ChecklistDrift {
  missingInPlaybook: string[];
  missingInTemplate: string[];
}

export function checklistDrift(root: string): ChecklistDrift | undefined {
  const template = join(root, '.github', 'pull_request_template.md');
  const playbook = join(root, 'playbooks', 'code-review.md');
  if (!existsSync(template) || !existsSync(playbook)) return undefined;
  const fromTemplate = checklistItems(readFileSync(template, 'utf8'));
  const fromPlaybook = checklistItems(readFileSync(playbook, 'utf8'));
  return {
    missingInPlaybook: fromTemplate.filter((item) => !fromPlaybook.includes(item)),
    missingInTemplate: fromPlaybook.filter((item) => !fromTemplate.includes(item)),
  };
}
