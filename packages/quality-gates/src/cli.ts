// Command line for the gates: `node scripts/verify.ts [--base <ref>] [--only a,b]` runs all (or some) gates;
// `node scripts/gate.ts <name...> [--base <ref>]` runs named gates (CI jobs). Both print the same table.
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { QualityConfig } from '../../../quality.config.ts';
import { refExists } from './git.ts';
import { gates as allGates, type Gate } from './registry.ts';
import { exitCodeFor, formatTable, runGates } from './verify.ts';

export interface CliIo {
  root: string;
  env: NodeJS.ProcessEnv;
  config: QualityConfig;
  log: (line: string) => void;
  gates?: Gate[];
}

/** --base, else $GATE_BASE, else origin/main, else main; undefined when none exists (diff gates skip). */
export function resolveBase(
  root: string,
  explicit: string | undefined,
  env: NodeJS.ProcessEnv,
): string | undefined {
  if (explicit) return explicit;
  if (env.GATE_BASE) return env.GATE_BASE;
  return ['origin/main', 'main'].find((ref) => refExists(root, ref));
}

/** The PR description: --pr-body-file, else $PR_BODY_FILE, else $PR_BODY, else empty. */
export function resolvePrBody(file: string | undefined, env: NodeJS.ProcessEnv): string {
  const path = file ?? env.PR_BODY_FILE;
  if (path) {
    if (!existsSync(path)) throw new Error(`PR body file ${path} does not exist`);
    return readFileSync(path, 'utf8');
  }
  return env.PR_BODY ?? '';
}

export function selectGates(gates: Gate[], names: string[]): Gate[] {
  if (names.length === 0) return gates;
  const unknown = names.filter((name) => !gates.some((gate) => gate.name === name));
  if (unknown.length > 0) {
    throw new Error(`unknown gate ${unknown.join(', ')}; known: ${gates.map((g) => g.name).join(', ')}`);
  }
  return gates.filter((gate) => names.includes(gate.name));
}

export function runCli(argv: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      base: { type: 'string' },
      only: { type: 'string' },
      'pr-body-file': { type: 'string' },
      list: { type: 'boolean', default: false },
    },
  });
  const gates = io.gates ?? allGates;
  if (values.list) {
    for (const gate of gates) io.log(`${gate.name}: ${gate.checks}`);
    return 0;
  }
  const names = [...positionals, ...(values.only?.split(',').filter(Boolean) ?? [])];
  const selected = selectGates(gates, names);
  const base = resolveBase(io.root, values.base, io.env);
  const rows = runGates({
    root: io.root,
    gates: selected,
    config: io.config,
    base,
    prBody: resolvePrBody(values['pr-body-file'], io.env),
    onStart: (gate) => {
      io.log(`verify: ${gate}...`);
    },
  });
  io.log('');
  io.log(formatTable(rows));
  io.log('');
  io.log(`base: ${base ?? '(none)'}; ${rows.filter((r) => r.outcome === 'fail').length} failed`);
  return exitCodeFor(rows);
}
