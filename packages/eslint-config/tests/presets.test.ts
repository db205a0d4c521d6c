// The presets on fixture files of a small fake monorepo (tests/fixtures/repo), through ESLint's own API.
import { join } from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { node } from '../src/node.ts';
import { react } from '../src/react.ts';

const fixtureRoot = join(import.meta.dirname, 'fixtures', 'repo');

// One ESLint per preset: each builds a TypeScript program, the slow part of type-checked linting.
const instances = new Map<(root: string) => Linter.Config[], ESLint>();

async function lint(preset: (root: string) => Linter.Config[], file: string): Promise<Linter.LintMessage[]> {
  let eslint = instances.get(preset);
  if (!eslint) {
    eslint = new ESLint({
      cwd: fixtureRoot,
      overrideConfigFile: true,
      overrideConfig: preset(fixtureRoot),
      ignore: false,
    });
    instances.set(preset, eslint);
  }
  const [result] = await eslint.lintFiles([join(fixtureRoot, file)]);
  return result?.messages ?? [];
}

const rules = (messages: Linter.LintMessage[]): (string | null)[] => messages.map((m) => m.ruleId);

describe('the rules that catch this team’s real bugs', () => {
  it('fails a floating promise', async () => {
    const messages = await lint(node, 'apps/report-api/src/floating-promise.ts');
    expect(rules(messages)).toEqual(['@typescript-eslint/no-floating-promises']);
    expect(messages[0]?.line).toBe(6);
  });

  it('fails a non-exhaustive switch, a thrown string and a value import used only as a type', async () => {
    const messages = await lint(node, 'apps/report-api/src/team-bugs.ts');
    expect(rules(messages).sort()).toEqual([
      '@typescript-eslint/consistent-type-imports',
      '@typescript-eslint/only-throw-error',
      '@typescript-eslint/switch-exhaustiveness-check',
    ]);
  });

  it('passes clean code with the node and the react preset', async () => {
    expect(await lint(node, 'apps/report-api/src/clean.ts')).toEqual([]);
    expect(await lint(react, 'apps/report-api/src/clean.ts')).toEqual([]);
  });
});

describe('dependency boundaries (@repo/no-cross-workspace-imports)', () => {
  it('fails an app that imports another app, by package name or by relative path', async () => {
    const messages = await lint(react, 'apps/web/src/imports-another-app.ts');
    const boundary = messages.filter((m) => m.ruleId === '@repo/no-cross-workspace-imports');
    expect(boundary.map((m) => m.line)).toEqual([1, 2]);
    expect(boundary[0]?.message).toContain("'@repo/report-api' is an app");
  });

  it('fails a package that imports an app, by package name or by relative path', async () => {
    const messages = await lint(node, 'packages/db/src/imports-an-app.ts');
    const boundary = messages.filter((m) => m.ruleId === '@repo/no-cross-workspace-imports');
    expect(boundary.map((m) => m.message)).toEqual([
      "'@repo/web/render' is an app: apps are deployables, not libraries. Move shared code to packages/*.",
      "'../../../apps/report-api/src/clean.ts' is an app: apps are deployables, not libraries. Move shared code to packages/*.",
    ]);
  });
});

describe('no raw network calls in the web app (@repo/no-raw-fetch)', () => {
  it('fails fetch(), window.fetch, globalThis.fetch, new XMLHttpRequest and axios in apps/web', async () => {
    const messages = await lint(react, 'apps/web/src/raw-network.ts');
    const raw = messages.filter((m) => m.ruleId === '@repo/no-raw-fetch');
    expect(raw.map((m) => m.line)).toEqual([1, 4, 5, 6, 7, 8]);
    expect(raw[1]?.message).toBe(
      'fetch() bypasses the API client: call @repo/api-client instead (typed errors, retries).',
    );
  });

  it('passes a local function that happens to be called fetch', async () => {
    const messages = await lint(react, 'apps/web/src/shadowed-fetch.ts');
    expect(rules(messages)).not.toContain('@repo/no-raw-fetch');
  });

  it('passes raw fetch inside packages/api-client, the one allowed place', async () => {
    expect(await lint(react, 'packages/api-client/src/http.ts')).toEqual([]);
    expect(await lint(node, 'packages/api-client/src/http.ts')).toEqual([]);
  });

  it('is not part of the node preset (services may call other services)', async () => {
    const messages = await lint(node, 'apps/web/src/raw-network.ts');
    expect(rules(messages)).not.toContain('@repo/no-raw-fetch');
  });
});
