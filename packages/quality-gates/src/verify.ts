// Runs gates and prints the table `npm run verify` and CI show: gate, result, seconds.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { QualityConfig } from '../../../quality.config.ts';
import { resolveChange } from './diff.ts';
import type { Gate } from './registry.ts';
import type { DiffContext, GateResult, Outcome } from './types.ts';
import { listWorkspaces } from './workspaces.ts';

export interface Row extends GateResult {
  gate: string;
  seconds: number;
}

export interface RunOptions {
  root: string;
  gates: Gate[];
  config: QualityConfig;
  /** Base ref for the diff-based gates; without one they are skipped. */
  base: string | undefined;
  prBody: string;
  /** Called before each gate starts, so a long run shows progress. */
  onStart?: (gate: string) => void;
}

const OUTPUT_TAIL_LINES = 40;

function runCommand(root: string, command: string[]): GateResult {
  const [bin = '', ...args] = command;
  // A command given as a relative path (node_modules/.bin/turbo) is relative to the repo root.
  const file = bin.includes('/') ? resolve(root, bin) : bin;
  const result = spawnSync(file, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status === 0) return { outcome: 'pass', summary: command.join(' ') };
  const output = `${result.stdout}${result.stderr}`.trimEnd().split('\n');
  return {
    outcome: 'fail',
    summary: `${command.join(' ')} exited with ${result.status ?? result.signal ?? 'error'}`,
    details: output.slice(-OUTPUT_TAIL_LINES),
  };
}

function diffContext(options: RunOptions): DiffContext | GateResult {
  if (!options.base) return { outcome: 'skip', summary: 'no base ref (pass --base <ref>)' };
  try {
    const change = resolveChange(options.root, options.base);
    return {
      root: options.root,
      change,
      workspaces: listWorkspaces(options.root),
      config: options.config,
      prBody: options.prBody,
    };
  } catch (error) {
    return { outcome: 'fail', summary: error instanceof Error ? error.message : String(error) };
  }
}

function isResult(value: DiffContext | GateResult): value is GateResult {
  return 'outcome' in value;
}

/** A failure of a gate that quality.config.ts marks as not required is reported as a warning. */
export function applyRequired(outcome: Outcome, gate: string, config: QualityConfig): Outcome {
  return outcome === 'fail' && config.gates[gate]?.required === false ? 'warn' : outcome;
}

export function runGates(options: RunOptions): Row[] {
  const rows: Row[] = [];
  let ctx: DiffContext | GateResult | undefined;
  for (const gate of options.gates) {
    options.onStart?.(gate.name);
    const started = performance.now();
    let result: GateResult;
    // A gate that cannot run (missing base ref, a crash) fails even when it is not required.
    let broken = false;
    try {
      if (gate.kind === 'command') {
        result = runCommand(options.root, gate.command);
        if (result.outcome === 'pass' && gate.summarize) result = gate.summarize(options.root);
      } else {
        ctx ??= diffContext(options);
        broken = isResult(ctx);
        result = isResult(ctx) ? ctx : gate.check(ctx);
      }
    } catch (error) {
      broken = true;
      result = { outcome: 'fail', summary: error instanceof Error ? error.message : String(error) };
    }
    const seconds = (performance.now() - started) / 1000;
    const outcome = broken ? result.outcome : applyRequired(result.outcome, gate.name, options.config);
    rows.push({ ...result, gate: gate.name, outcome, seconds });
  }
  return rows;
}

export function formatTable(rows: Row[]): string {
  const width = Math.max(4, ...rows.map((r) => r.gate.length));
  const lines = [`${'gate'.padEnd(width)}  result  seconds  summary`];
  lines.push(`${'-'.repeat(width)}  ------  -------  -------`);
  for (const row of rows) {
    lines.push(
      `${row.gate.padEnd(width)}  ${row.outcome.padEnd(6)}  ${row.seconds.toFixed(1).padStart(7)}  ${row.summary}`,
    );
  }
  for (const row of rows) {
    if (row.outcome === 'pass' || row.outcome === 'skip' || !row.details?.length) continue;
    lines.push('', `${row.gate}:`, ...row.details);
  }
  return lines.join('\n');
}

export function exitCodeFor(rows: Row[]): number {
  return rows.some((row) => row.outcome === 'fail') ? 1 : 0;
}
