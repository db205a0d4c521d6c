// `npm run gen <generator>`: scaffolds a tested vertical slice on this repo's conventions (decision 080).
// Interactive for people; scripts and CI pass answers with `--args`. turbo/generators/config.ts re-exports
// this; tests/generators.test.ts runs every generator into a copy of the repo and gates the result.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PlopTypes } from '@turbo/gen';

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const TODAY = (): string => new Date().toISOString().slice(0, 10);

type Answers = Record<string, unknown> & { turbo?: { paths: { root: string } } };

function rootOf(answers: Answers | undefined): string {
  return answers?.turbo?.paths.root ?? process.cwd();
}

function kebabName(what: string): (value: string) => true | string {
  return (value) =>
    KEBAB.test(value) ? true : `The ${what} must be kebab-case (a-z, 0-9 and dashes), e.g. referral-sources`;
}

/** The next free decision number: one more than the highest NNN-*.md in docs/decisions. */
export function nextDecisionNumber(root: string): string {
  const numbers = readdirSync(join(root, 'docs', 'decisions'))
    .map((file) => /^(\d{3})-.+\.md$/.exec(file)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number);
  return String(Math.max(0, ...numbers) + 1).padStart(3, '0');
}

/** Formats what a generator wrote or changed, so its output passes `prettier --check` as generated. */
function formatAction(plop: PlopTypes.NodePlopAPI, files: string[]): PlopTypes.CustomActionFunction {
  return (answers) => {
    const root = rootOf(answers);
    const paths = files
      .map((file) => plop.renderString(file, answers))
      .filter((path) => existsSync(join(root, path)));
    execFileSync(join(root, 'node_modules', '.bin', 'prettier'), ['--write', '--log-level=warn', ...paths], {
      cwd: root,
      stdio: 'inherit',
    });
    return `formatted ${String(paths.length)} paths with prettier`;
  };
}

const T = 'templates';
const ROOT = '{{ turbo.paths.root }}/';

type FileAction = PlopTypes.AddActionConfig | PlopTypes.ModifyActionConfig;

/** A marker comment line: generated lines go right above it, so the marker stays for the next run. */
function above(path: string, marker: string, templateFile: string): FileAction {
  return {
    type: 'modify',
    path: `${ROOT}${path}`,
    pattern: new RegExp(`^([ \\t]*)(// ${marker} )`, 'm'),
    templateFile: `${T}/${templateFile}`,
    // The marker stays below the inserted lines; a file without it must fail, not silently skip.
    transform: (content: string) => {
      if (!content.includes(`// ${marker} `)) {
        throw new Error(`${path} has no "// ${marker}" marker comment: restore it where generated lines go`);
      }
      return content;
    },
  };
}

/** Appends `export * from '<module>';` to a barrel file. */
function exportLine(path: string, module: string): FileAction {
  return {
    type: 'modify',
    path: `${ROOT}${path}`,
    pattern: /\s*$/,
    template: `\nexport * from '${module}';\n`,
  };
}

const add = (path: string, templateFile: string): FileAction => ({
  type: 'add',
  path: `${ROOT}${path}`,
  templateFile: `${T}/${templateFile}`,
  abortOnFail: true,
});

/** The repo-relative paths (still templates) that a list of actions writes. */
function filesOf(actions: FileAction[]): string[] {
  return [...new Set(actions.map((action) => action.path.slice(ROOT.length)))];
}

const endpointActions: FileAction[] = [
  add('packages/contract/src/{{ kebabCase name }}.ts', 'endpoint/contract.ts.hbs'),
  add('packages/contract/src/{{ kebabCase name }}.test.ts', 'endpoint/contract.test.ts.hbs'),
  exportLine('packages/contract/src/index.ts', './{{ kebabCase name }}.ts'),
  above('packages/contract/src/openapi.ts', 'gen:openapi-imports', 'endpoint/openapi-import.hbs'),
  above('packages/contract/src/openapi.ts', 'gen:openapi-registrars', 'endpoint/openapi-registrar.hbs'),
  add('apps/report-api/src/features/{{ kebabCase name }}/routes.ts', 'endpoint/routes.ts.hbs'),
  above('apps/report-api/src/app.ts', 'gen:feature-imports', 'endpoint/app-import.hbs'),
  above('apps/report-api/src/app.ts', 'gen:feature-routers', 'endpoint/app-router.hbs'),
  add(
    'apps/report-api/tests/{{ kebabCase name }}/{{ kebabCase name }}-api.test.ts',
    'endpoint/api.test.ts.hbs',
  ),
];

const clientActions: FileAction[] = [
  above('packages/api-client/src/client.ts', 'gen:client-imports', 'client/client-import.hbs'),
  above('packages/api-client/src/client.ts', 'gen:client-interface', 'client/client-interface.hbs'),
  above('packages/api-client/src/client.ts', 'gen:client-methods', 'client/client-method.hbs'),
  add('packages/api-client/src/{{ kebabCase name }}.test.ts', 'client/client.test.ts.hbs'),
  add('packages/api-client/src/msw/{{ kebabCase name }}-handlers.ts', 'client/handlers.ts.hbs'),
  exportLine('packages/api-client/src/msw/index.ts', './{{ kebabCase name }}-handlers.ts'),
  add('packages/api-client/src/pact/{{ kebabCase name }}.pact.ts', 'client/consumer.pact.ts.hbs'),
];

const featureDir = 'apps/web/src/features/{{ kebabCase name }}';
const webActions: FileAction[] = [
  add(`${featureDir}/hooks/use-{{ kebabCase name }}.ts`, 'feature/use-hook.ts.hbs'),
  add(`${featureDir}/hooks/use-{{ kebabCase name }}.test.tsx`, 'feature/use-hook.test.tsx.hbs'),
  add(`${featureDir}/components/{{ kebabCase name }}-page.tsx`, 'feature/page.tsx.hbs'),
  add(`${featureDir}/components/{{ kebabCase name }}-page.test.tsx`, 'feature/page.test.tsx.hbs'),
  above('apps/web/src/app/routes.tsx', 'gen:route-imports', 'feature/route-import.hbs'),
  above('apps/web/src/app/routes.tsx', 'gen:routes', 'feature/route.hbs'),
];

const nameOf = (what: string): PlopTypes.PromptQuestion => ({
  type: 'input',
  name: 'name',
  message: `Name of the ${what} (kebab-case, e.g. referral-sources)`,
  validate: kebabName(what),
});

const titleOf: PlopTypes.PromptQuestion = {
  type: 'input',
  name: 'title',
  message: 'Title (a few words)',
  validate: (value: string) => (value.trim().length > 0 ? true : 'A title is required'),
};

const ownerOf: PlopTypes.PromptQuestion = {
  type: 'input',
  name: 'owner',
  message: 'Owner (team or role that keeps it current)',
  default: 'platform',
  validate: kebabName('owner'),
};

/** Registers every generator; `turbo gen` calls it with its plop instance. */
export default function generator(plop: PlopTypes.NodePlopAPI): void {
  plop.setHelper('today', TODAY);
  plop.setHelper('words', (name: string) => name.split('-').join(' '));

  plop.setGenerator('endpoint', {
    description: 'API endpoint: contract schema, route, integration test (HTTP + PostgreSQL), OpenAPI entry',
    prompts: [nameOf('endpoint (URL path under /v1)')],
    actions: [...endpointActions, formatAction(plop, filesOf(endpointActions))],
  });

  plop.setGenerator('client', {
    description: 'API client method, MSW scenarios (success and every error type), Pact consumer test',
    prompts: [nameOf('endpoint the client calls (generated by `endpoint` first)')],
    actions: (answers) => {
      const root = rootOf(answers);
      const name = String((answers as Answers).name);
      if (!existsSync(join(root, 'packages', 'contract', 'src', `${name}.ts`))) {
        throw new Error(
          `packages/contract/src/${name}.ts does not exist: run \`npm run gen endpoint\` first`,
        );
      }
      return [...clientActions, formatAction(plop, filesOf(clientActions))];
    },
  });

  plop.setGenerator('feature', {
    description: 'Vertical slice: endpoint + client + React page and hook, tested per failure scenario',
    prompts: [
      nameOf('feature'),
      {
        type: 'input',
        name: 'title',
        message: 'Page title shown to users (letters, digits, spaces)',
        default: (answers: Answers) => {
          const text = String(answers.name).split('-').join(' ');
          return text.charAt(0).toUpperCase() + text.slice(1);
        },
        validate: (value: string) =>
          /^[\p{L}\p{N}][\p{L}\p{N} ,.-]*$/u.test(value)
            ? true
            : 'Use letters, digits, spaces, commas, dots, dashes',
      },
    ],
    actions: [
      ...endpointActions,
      ...clientActions,
      ...webActions,
      formatAction(plop, filesOf([...endpointActions, ...clientActions, ...webActions])),
    ],
  });

  plop.setGenerator('package', {
    description: 'Workspace packages/<name> on the shared tsconfig, ESLint and Vitest configs, with a test',
    prompts: [
      nameOf('package'),
      {
        type: 'input',
        name: 'description',
        message: 'What it does (one sentence)',
        validate: (value: string) => (value.trim().length > 0 ? true : 'A description is required'),
      },
    ],
    actions: [
      add('packages/{{ kebabCase name }}/package.json', 'package/package.json.hbs'),
      add('packages/{{ kebabCase name }}/tsconfig.json', 'package/tsconfig.json.hbs'),
      add('packages/{{ kebabCase name }}/eslint.config.js', 'package/eslint.config.js.hbs'),
      add('packages/{{ kebabCase name }}/vitest.config.ts', 'package/vitest.config.ts.hbs'),
      add('packages/{{ kebabCase name }}/src/{{ kebabCase name }}.ts', 'package/module.ts.hbs'),
      add('packages/{{ kebabCase name }}/src/{{ kebabCase name }}.test.ts', 'package/module.test.ts.hbs'),
      add('packages/{{ kebabCase name }}/src/index.ts', 'package/index.ts.hbs'),
      formatAction(plop, ['packages/{{ kebabCase name }}']),
      (answers) =>
        `next: run \`npm install\` once so npm links @repo/${String((answers as Answers).name)} into node_modules`,
    ],
  });

  plop.setGenerator('playbook', {
    description: 'Playbook page (playbooks/<name>.md) with the owner/last_reviewed front matter',
    prompts: [nameOf('playbook'), titleOf, ownerOf],
    actions: [
      add('playbooks/{{ kebabCase name }}.md', 'docs/playbook.md.hbs'),
      formatAction(plop, ['playbooks/{{ kebabCase name }}.md']),
    ],
  });

  plop.setGenerator('adr', {
    description: 'Decision record docs/decisions/NNN-<name>.md with the next free number',
    prompts: [nameOf('decision (short title in kebab-case)'), titleOf, ownerOf],
    actions: (answers) => {
      const a = answers as Answers;
      a.number = nextDecisionNumber(rootOf(a));
      const path = 'docs/decisions/{{ number }}-{{ kebabCase name }}.md';
      return [
        add(path, 'docs/adr.md.hbs'),
        formatAction(plop, [`docs/decisions/${String(a.number)}-${String(a.name)}.md`]),
      ];
    },
  });
}
