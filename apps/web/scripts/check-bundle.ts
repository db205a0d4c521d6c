// `npm run check:bundle -w @repo/web`: builds nothing; measures the main JS bundle of dist/ (the entry
// script index.html loads, plus the chunks it imports statically) gzipped, against the budget in
// quality.config.ts (quality.bundle.mainJsGzipKb). Run `npm run build -w @repo/web` first.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { quality } from '../../../quality.config.ts';

const dist = join(import.meta.dirname, '..', 'dist');
const indexHtml = join(dist, 'index.html');
if (!existsSync(indexHtml)) {
  console.error('dist/index.html is missing: run `npm run build -w @repo/web` first');
  process.exit(2);
}

const html = readFileSync(indexHtml, 'utf8');
const entries = [...html.matchAll(/<script[^>]+type="module"[^>]+src="\/([^"]+\.js)"/g)].map(
  (m) => m[1] ?? '',
);
const preloads = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+\.js)"/g)].map(
  (m) => m[1] ?? '',
);
const files = [...new Set([...entries, ...preloads])].filter(Boolean);
if (files.length === 0) {
  console.error('no module script found in dist/index.html');
  process.exit(2);
}

let totalBytes = 0;
for (const file of files) {
  const bytes = gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
  totalBytes += bytes;
  console.log(`${file}: ${(bytes / 1000).toFixed(1)} kB gzip`);
}
const totalKb = totalBytes / 1000;
const budgetKb = quality.bundle.mainJsGzipKb;
console.log(`main JS bundle: ${totalKb.toFixed(1)} kB gzip (budget ${budgetKb} kB)`);
if (totalKb > budgetKb) {
  console.error(`over budget by ${(totalKb - budgetKb).toFixed(1)} kB`);
  process.exit(1);
}
