// Prints a seed run the same way for db:seed and db:reset: live progress lines, then a phase table.
import type { SeedProgress, SeedResult } from '../generator/seed.ts';
import { megabytes, seconds } from './args.ts';

export function printProgress(p: SeedProgress): void {
  const rows = `${p.rows.toLocaleString('en-US')}/${p.totalRows.toLocaleString('en-US')} rows`;
  console.log(
    `  ${p.phase.padEnd(14)} batch ${p.batch}/${p.batches}  ${rows.padEnd(28)} ${seconds(p.elapsedMs)}`,
  );
}

export function printSeedResult(result: SeedResult): void {
  console.log(`\nseeded preset "${result.preset}" (seed ${result.seed}) in ${seconds(result.totalMs)}:`);
  console.log('  phase                              rows        time    database size');
  for (const p of result.phases) {
    console.log(
      `  ${p.phase.padEnd(32)} ${p.rows.toLocaleString('en-US').padStart(12)} ${seconds(p.ms).padStart(9)} ${megabytes(p.databaseBytes).padStart(10)}`,
    );
  }
  console.log(`  companies ${result.companyIds.first}..${result.companyIds.last}`);
  for (const t of result.tokens) {
    console.log(
      `  token ${t.token.padEnd(16)} role ${t.role.padEnd(8)} ${t.companyId ? `company ${t.companyId}` : ''}`,
    );
  }
  console.log('  every other company: token seed-company-<id> (dev only)');
}
