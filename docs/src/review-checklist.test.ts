import { describe, expect, it } from 'vitest';
import { findRepoRoot } from './repo.ts';
import { checklistDrift, checklistItems } from './review-checklist.ts';
import { fixtureRepo } from './testing/fixture-repo.ts';

describe('code review checklist', () => {
  it('is the same in the PR template and the code review playbook', () => {
    expect(checklistDrift(findRepoRoot(import.meta.dirname))).toEqual({
      missingInPlaybook: [],
      missingInTemplate: [],
    });
  });

  it('reports an item that was edited on one side only', () => {
    const repo = fixtureRepo({
      '.github/pull_request_template.md': '- [ ] **Design**: fits\n- [ ] **Size**: small\n- [ ] Tests added',
      'playbooks/code-review.md': '  - [ ] **Design**: fits\n- [ ] **Size**: tiny\n',
    });
    try {
      expect(checklistDrift(repo.root)).toEqual({
        missingInPlaybook: ['- [ ] **Size**: small'],
        missingInTemplate: ['- [ ] **Size**: tiny'],
      });
      expect(checklistItems('- [x] **Done**: no\n- [ ] plain')).toEqual([]);
    } finally {
      repo.remove();
    }
  });

  it('has nothing to compare when either file is missing', () => {
    const repo = fixtureRepo({});
    try {
      expect(checklistDrift(repo.root)).toBeUndefined();
    } finally {
      repo.remove();
    }
  });
});
