// The quality scorecard: one page built from the gates' own outputs (coverage summaries, Vitest JSON reports,
// Pact files and verification results, the web bundle, docs freshness). It reads files; it runs nothing.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { quality, type QualityConfig, type Thresholds } from '../../quality.config.ts';
import { readFreshness } from './freshness.ts';

export interface WorkspaceRow {
  folder: string;
  coverage?: Thresholds;
  thresholds: Thresholds;
  coverageOk?: boolean;
  tests?: { passed: number; failed: number; skipped: number; total: number; at?: string };
}

export interface ContractRow {
  consumer: string;
  provider: string;
  interactions: number;
  file: string;
  verified?: boolean;
}

export interface Scorecard {
  generatedAt: string;
  workspaces: WorkspaceRow[];
  contracts: ContractRow[];
  bundle?: { file: string; gzipKb: number; budgetKb: number };
  docs: { pages: number; withoutOwner: string[]; overdue: string[]; reviewEveryDays: number };
}

interface CoverageSummary {
  total?: Record<keyof Thresholds, { pct: number | string } | undefined>;
}

interface VitestJson {
  numTotalTests?: number;
  numPassedTests?: number;
  numFailedTests?: number;
  numPendingTests?: number;
  numTodoTests?: number;
  startTime?: number;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function pct(value: { pct: number | string } | undefined): number {
  return typeof value?.pct === 'number' ? value.pct : 0;
}

export function workspaceFolders(root: string): string[] {
  const folders: string[] = [];
  for (const group of ['apps', 'packages']) {
    const dir = join(root, group);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      if (existsSync(join(dir, name, 'package.json'))) folders.push(`${group}/${name}`);
    }
  }
  if (existsSync(join(root, 'docs', 'package.json'))) folders.push('docs');
  return folders;
}

function workspaceRow(root: string, folder: string, config: QualityConfig): WorkspaceRow {
  const thresholds = { ...config.coverage.default, ...(config.coverage.workspaces[folder] ?? {}) };
  const row: WorkspaceRow = { folder, thresholds };
  const summary = readJson(join(root, folder, 'coverage', 'coverage-summary.json')) as
    CoverageSummary | undefined;
  if (summary?.total) {
    const total = summary.total;
    const coverage = {
      lines: pct(total.lines),
      branches: pct(total.branches),
      functions: pct(total.functions),
      statements: pct(total.statements),
    };
    row.coverage = coverage;
    row.coverageOk = (Object.keys(thresholds) as (keyof Thresholds)[]).every(
      (k) => coverage[k] >= thresholds[k],
    );
  }
  const reports = join(root, folder, '.reports');
  const files = existsSync(reports)
    ? readdirSync(reports).filter((n) => n.startsWith('vitest') && n.endsWith('.json'))
    : [];
  for (const name of files) {
    const json = readJson(join(reports, name)) as VitestJson | undefined;
    if (json?.numTotalTests === undefined) continue;
    const previous = row.tests ?? { passed: 0, failed: 0, skipped: 0, total: 0 };
    row.tests = {
      passed: previous.passed + (json.numPassedTests ?? 0),
      failed: previous.failed + (json.numFailedTests ?? 0),
      skipped: previous.skipped + (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0),
      total: previous.total + json.numTotalTests,
      ...(json.startTime
        ? { at: new Date(json.startTime).toISOString().slice(0, 16).replace('T', ' ') }
        : {}),
    };
  }
  return row;
}

function jsonFilesUnder(root: string, rel: string, depth = 3): string[] {
  const abs = join(root, rel);
  if (depth < 0 || !existsSync(abs)) return [];
  return readdirSync(abs)
    .sort()
    .flatMap((name) => {
      if (name === 'node_modules' || name.startsWith('.')) return [];
      const child = posix.join(rel, name);
      if (statSync(join(root, child)).isDirectory()) return jsonFilesUnder(root, child, depth - 1);
      return name.endsWith('.json') ? [child] : [];
    });
}

interface PactFile {
  consumer?: { name?: string };
  provider?: { name?: string };
  interactions?: unknown[];
  messages?: unknown[];
}

interface VerificationRecord {
  consumer?: string | { name?: string };
  provider?: string | { name?: string };
  success?: boolean;
  verified?: boolean;
  passed?: boolean;
  result?: string;
}

const nameOf = (party: VerificationRecord['consumer']): string | undefined =>
  typeof party === 'string' ? party : party?.name;

/** true/false from `passed`, `success`, `verified` or `result` ("passed", "success", "failed"...), else undefined. */
function outcomeOf(record: VerificationRecord): boolean | undefined {
  if (typeof record.passed === 'boolean') return record.passed;
  if (typeof record.success === 'boolean') return record.success;
  if (typeof record.verified === 'boolean') return record.verified;
  if (typeof record.result === 'string') return /^(pass|success|ok|verified)/i.test(record.result);
  return undefined;
}

const isVerificationFile = (file: string): boolean => /verif/i.test(file);

/** Verification results: any JSON under contracts/ or a workspace's .reports/ whose name mentions verification. */
function verificationRecords(root: string): VerificationRecord[] {
  const candidates = [
    ...jsonFilesUnder(root, 'contracts'),
    ...workspaceFolders(root).flatMap((folder) => jsonFilesUnder(root, `${folder}/.reports`, 1)),
  ].filter(isVerificationFile);
  return candidates.flatMap((file) => {
    const json = readJson(join(root, file));
    const list: unknown[] = Array.isArray(json) ? json : [json];
    const nested = list.flatMap((item) => {
      const results = (item as { results?: unknown } | undefined)?.results;
      return Array.isArray(results) ? (results as unknown[]) : [item];
    });
    return nested.filter((item): item is VerificationRecord => typeof item === 'object' && item !== null);
  });
}

export function readContracts(root: string): ContractRow[] {
  const verifications = verificationRecords(root);
  const rows: ContractRow[] = [];
  for (const file of jsonFilesUnder(root, 'contracts').filter((f) => !isVerificationFile(f))) {
    const pact = readJson(join(root, file)) as PactFile | undefined;
    const consumer = pact?.consumer?.name;
    const provider = pact?.provider?.name;
    if (!consumer || !provider) continue;
    const match = verifications.find(
      (v) => nameOf(v.consumer) === consumer && nameOf(v.provider) === provider,
    );
    const verified = match ? outcomeOf(match) : undefined;
    rows.push({
      consumer,
      provider,
      file,
      interactions: (pact.interactions?.length ?? 0) + (pact.messages?.length ?? 0),
      ...(verified === undefined ? {} : { verified }),
    });
  }
  return rows;
}

/** The main JS chunk of the built web app (the largest entry `index-*.js`), gzipped as a browser gets it. */
export function readBundle(root: string, budgetKb: number): Scorecard['bundle'] {
  const assets = join(root, 'apps', 'web', 'dist', 'assets');
  if (!existsSync(assets)) return undefined;
  const candidates = readdirSync(assets).filter((n) => n.endsWith('.js'));
  const entries = candidates.filter((n) => n.startsWith('index'));
  const sized = (entries.length > 0 ? entries : candidates).map((name) => ({
    name,
    gzip: gzipSync(readFileSync(join(assets, name))).length,
  }));
  const main = sized.sort((a, b) => b.gzip - a.gzip)[0];
  if (!main) return undefined;
  return {
    file: `apps/web/dist/assets/${main.name}`,
    gzipKb: Math.round((main.gzip / 1024) * 10) / 10,
    budgetKb,
  };
}

export function buildScorecard(
  root: string,
  now: Date = new Date(),
  config: QualityConfig = quality,
): Scorecard {
  const freshness = readFreshness(root, now, config.docs.reviewEveryDays);
  const bundle = readBundle(root, config.bundle.mainJsGzipKb);
  return {
    generatedAt: now.toISOString(),
    workspaces: workspaceFolders(root).map((folder) => workspaceRow(root, folder, config)),
    contracts: readContracts(root),
    ...(bundle ? { bundle } : {}),
    docs: {
      pages: freshness.length,
      withoutOwner: freshness.filter((f) => !f.owner).map((f) => f.page),
      overdue: freshness.filter((f) => f.overdue).map((f) => f.page),
      reviewEveryDays: config.docs.reviewEveryDays,
    },
  };
}

const mark = (ok: boolean | undefined): string => (ok === undefined ? 'n/a' : ok ? 'pass' : 'FAIL');

export function renderScorecard(card: Scorecard): string {
  const day = card.generatedAt.slice(0, 10);
  const lines = [
    '---',
    'owner: docs',
    `last_reviewed: ${day}`,
    'generated: true',
    'editLink: false',
    '---',
    '',
    '# Quality scorecard',
    '',
    `Generated ${card.generatedAt.slice(0, 16).replace('T', ' ')} UTC by \`npm run scorecard -w @repo/docs\` from the`,
    'outputs the gates leave behind. It runs nothing itself: run `npm test` (and the contract and build gates) first.',
    'Thresholds come from `quality.config.ts`. This file is generated and git-ignored; do not edit it.',
    '',
    '## Coverage and tests per workspace',
    '',
    '| Workspace | Lines | Branches | Functions | Threshold (lines/branches) | Coverage gate | Tests passed | Failed | Skipped | Last run (UTC) |',
    '|---|---:|---:|---:|---:|---|---:|---:|---:|---|',
  ];
  for (const ws of card.workspaces) {
    const c = ws.coverage;
    const t = ws.tests;
    lines.push(
      `| ${ws.folder} | ${c ? `${c.lines}%` : '-'} | ${c ? `${c.branches}%` : '-'} | ${c ? `${c.functions}%` : '-'} | ` +
        `${ws.thresholds.lines}% / ${ws.thresholds.branches}% | ${mark(ws.coverageOk)} | ${t ? t.passed : '-'} | ` +
        `${t ? t.failed : '-'} | ${t ? t.skipped : '-'} | ${t?.at ?? '-'} |`,
    );
  }
  const totals = card.workspaces.reduce(
    (sum, ws) => ({
      passed: sum.passed + (ws.tests?.passed ?? 0),
      failed: sum.failed + (ws.tests?.failed ?? 0),
    }),
    { passed: 0, failed: 0 },
  );
  lines.push(
    '',
    `Total: **${totals.passed} passed, ${totals.failed} failed** across ${card.workspaces.length} workspaces.`,
  );
  lines.push('', '## Contracts', '');
  if (card.contracts.length === 0) {
    lines.push('No Pact files found under `contracts/`.');
  } else {
    lines.push('| Consumer | Provider | Interactions | Verified | Pact file |', '|---|---|---:|---|---|');
    for (const c of card.contracts) {
      lines.push(
        `| ${c.consumer} | ${c.provider} | ${c.interactions} | ${mark(c.verified)} | \`${c.file}\` |`,
      );
    }
  }
  lines.push('', '## Web bundle', '');
  lines.push(
    card.bundle
      ? `Main JS chunk \`${card.bundle.file}\`: **${card.bundle.gzipKb} kB gzip** (budget ${card.bundle.budgetKb} kB): ${mark(card.bundle.gzipKb <= card.bundle.budgetKb)}.`
      : 'No built web app found (`apps/web/dist`): run `npm run build` first.',
  );
  lines.push('', '## Docs freshness', '');
  lines.push(
    `${card.docs.pages} pages; ${card.docs.withoutOwner.length} without an owner; ${card.docs.overdue.length} past their review date ` +
      `(review every ${card.docs.reviewEveryDays} days).`,
  );
  for (const page of card.docs.withoutOwner) lines.push(`- no owner: \`${page}\``);
  for (const page of card.docs.overdue) lines.push(`- review overdue: \`${page}\``);
  return `${lines.join('\n')}\n`;
}
