// The generator definitions in-process, with a recording stand-in for plop (a third-party API): what is
// registered, what the prompts accept, where the actions write. The end-to-end run of every generator
// into a copy of the repo is tests/generators.test.ts.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PlopTypes } from '@turbo/gen';
import generator, { nextDecisionNumber } from './generators.ts';

type Config = Parameters<PlopTypes.NodePlopAPI['setGenerator']>[1];

function recordingPlop(): { plop: PlopTypes.NodePlopAPI; generators: Map<string, Config> } {
  const generators = new Map<string, Config>();
  const helpers = new Map<string, (name: string) => string>();
  const plop = {
    setGenerator: (name: string, config: Config) => generators.set(name, config),
    setHelper: (name: string, fn: (name: string) => string) => helpers.set(name, fn),
    // Enough Handlebars for paths: `{{ helper name }}` and `{{ key }}`.
    renderString: (template: string, data: Record<string, unknown>) =>
      template.replace(/\{\{\s*(\w+)(?:\s+(\w+))?\s*\}\}/g, (_m, a: string, b: string | undefined) =>
        b === undefined ? String(data[a]) : String(data[b]),
      ),
  } as unknown as PlopTypes.NodePlopAPI;
  generator(plop);
  return { plop, generators };
}

const temps: string[] = [];
function tempRoot(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'gen-unit-'));
  temps.push(dir);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function prompt(config: Config | undefined, name: string): PlopTypes.PromptQuestion {
  const prompts = (config?.prompts ?? []) as PlopTypes.PromptQuestion[];
  const found = prompts.find((p) => p.name === name);
  if (!found) throw new Error(`no prompt ${name}`);
  return found;
}

type Validate = (value: string) => true | string;
type ActionsFn = (answers: Record<string, unknown>) => PlopTypes.ActionType[];

describe('generator registration', () => {
  it('registers endpoint, client, feature, package, playbook and adr, each described', () => {
    const { generators } = recordingPlop();
    expect([...generators.keys()]).toEqual(['endpoint', 'client', 'feature', 'package', 'playbook', 'adr']);
    for (const config of generators.values()) expect(config.description?.length).toBeGreaterThan(20);
  });

  it.each(['endpoint', 'client', 'feature', 'package', 'playbook', 'adr'])(
    '%s: accepts a kebab-case name and refuses others with a hint',
    (name) => {
      const validate = prompt(recordingPlop().generators.get(name), 'name').validate as Validate;
      expect(validate('referral-sources')).toBe(true);
      for (const bad of ['ReferralSources', 'referral_sources', '-x', 'x-', '1x', ''])
        expect(validate(bad)).toMatch(/kebab-case/);
    },
  );

  it('feature: proposes a page title from the name and refuses quotes and markup', () => {
    const title = prompt(recordingPlop().generators.get('feature'), 'title');
    expect((title.default as (a: Record<string, unknown>) => string)({ name: 'referral-sources' })).toBe(
      'Referral sources',
    );
    const validate = title.validate as Validate;
    expect(validate('Origem dos pacientes')).toBe(true);
    for (const bad of ["Clinic's page", '<b>x</b>', '{{x}}', ' leading space'])
      expect(validate(bad)).not.toBe(true);
  });

  it('feature: writes the endpoint, client and web files, each marker edit failing without its marker', () => {
    const actions = recordingPlop().generators.get('feature')?.actions as PlopTypes.ActionType[];
    const configs = actions.filter(
      (a): a is PlopTypes.AddActionConfig | PlopTypes.ModifyActionConfig => typeof a === 'object',
    );
    const paths = configs.map((a) => a.path.replace('{{ turbo.paths.root }}/', ''));
    expect(paths).toContain('apps/report-api/src/features/{{ kebabCase name }}/routes.ts');
    expect(paths).toContain('packages/api-client/src/pact/{{ kebabCase name }}.pact.ts');
    expect(paths).toContain(
      'apps/web/src/features/{{ kebabCase name }}/components/{{ kebabCase name }}-page.test.tsx',
    );
    const markerEdits = configs.filter((a): a is PlopTypes.ModifyActionConfig => 'transform' in a);
    expect(markerEdits).toHaveLength(9);
    for (const edit of markerEdits) {
      const transform = edit.transform as (content: string) => string;
      expect(() => transform('no marker here')).toThrow(/marker comment/);
      const marker = /(gen:[a-z-]+)/.exec(String(edit.pattern))?.[1] ?? '';
      expect(transform(`x\n  // ${marker} (keep)\n`)).toContain(marker);
    }
  });

  it('client: refuses to run before the endpoint exists, then writes the client slice', () => {
    const actions = recordingPlop().generators.get('client')?.actions as ActionsFn;
    const root = tempRoot();
    const answers = { name: 'visit-notes', turbo: { paths: { root } } };
    expect(() => actions(answers)).toThrow('run `npm run gen endpoint` first');
    const withContract = tempRoot({ 'packages/contract/src/visit-notes.ts': '' });
    expect(actions({ ...answers, turbo: { paths: { root: withContract } } }).length).toBe(8);
  });

  it('adr: numbers the record after the highest existing one', () => {
    const actions = recordingPlop().generators.get('adr')?.actions as ActionsFn;
    const root = tempRoot({ 'docs/decisions/005-a.md': '', 'docs/decisions/093-b.md': '' });
    const answers: Record<string, unknown> = { name: 'new-thing', turbo: { paths: { root } } };
    const [add] = actions(answers) as PlopTypes.AddActionConfig[];
    expect(answers.number).toBe('094');
    expect(add?.path).toContain('docs/decisions/{{ number }}-{{ kebabCase name }}.md');
  });

  it('package: ends by telling the user to run npm install for the new workspace', () => {
    const actions = recordingPlop().generators.get('package')?.actions as PlopTypes.ActionType[];
    const last = actions.at(-1) as PlopTypes.CustomActionFunction;
    expect(last({ name: 'text-tools' }, {} as never, {} as never)).toContain('@repo/text-tools');
  });

  it('formats the files a generator wrote with the repo Prettier, skipping paths that do not exist', () => {
    const root = tempRoot({ 'playbooks/x.md': '# Title\n\n\n\nText   \n' });
    mkdirSync(join(root, 'node_modules', '.bin'), { recursive: true });
    const repo = resolve(import.meta.dirname, '../../..');
    symlinkSync(
      join(repo, 'node_modules', '.bin', 'prettier'),
      join(root, 'node_modules', '.bin', 'prettier'),
    );
    const actions = recordingPlop().generators.get('playbook')?.actions as PlopTypes.ActionType[];
    const format = actions.at(-1) as PlopTypes.CustomActionFunction;
    const message = format({ name: 'x', turbo: { paths: { root } } }, {} as never, {} as never);
    expect(message).toBe('formatted 1 paths with prettier');
    expect(readFileSync(join(root, 'playbooks/x.md'), 'utf8')).toBe('# Title\n\nText\n');
  });
});

describe('prompts and helpers', () => {
  it.each(['playbook', 'adr'])('%s: requires a title and a kebab-case owner, platform by default', (name) => {
    const config = recordingPlop().generators.get(name);
    const title = prompt(config, 'title').validate as Validate;
    expect(title('Code review')).toBe(true);
    expect(title('   ')).toBe('A title is required');
    const owner = prompt(config, 'owner');
    expect(owner.default).toBe('platform');
    expect((owner.validate as Validate)('Platform Team')).toMatch(/kebab-case/);
  });

  it('package: requires a one-sentence description', () => {
    const validate = prompt(recordingPlop().generators.get('package'), 'description').validate as Validate;
    expect(validate('Small text helpers')).toBe(true);
    expect(validate('')).toBe('A description is required');
  });

  it("registers the 'today' and 'words' template helpers", () => {
    const helpers = new Map<string, (value: string) => string>();
    generator({
      setGenerator: () => undefined,
      setHelper: (name: string, fn: (value: string) => string) => helpers.set(name, fn),
    } as unknown as PlopTypes.NodePlopAPI);
    expect(helpers.get('today')?.('')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(helpers.get('words')?.('referral-sources')).toBe('referral sources');
  });
});

describe('nextDecisionNumber', () => {
  it('is one more than the highest NNN-*.md, ignoring other files', () => {
    const root = tempRoot({
      'docs/decisions/001-a.md': '',
      'docs/decisions/093-b.md': '',
      'docs/decisions/README.md': '',
      'docs/decisions/template.md': '',
    });
    expect(nextDecisionNumber(root)).toBe('094');
  });

  it('starts at 001 in an empty folder', () => {
    expect(nextDecisionNumber(tempRoot({ 'docs/decisions/README.md': '' }))).toBe('001');
  });
});
