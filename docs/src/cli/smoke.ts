// `npm run test:smoke -w @repo/docs`: Chromium opens the BUILT site (run `npm run build -w @repo/docs` first),
// searches for a word with the local search, follows the first result, and checks the pt-BR locale.
// Uses Debian's Chromium (/usr/bin/chromium or CHROMIUM_PATH); never downloads a browser.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { findRepoRoot } from '../repo.ts';
import { serveStatic } from '../static-server.ts';

const root = findRepoRoot(import.meta.dirname);
const dist = join(root, 'docs', '.vitepress', 'dist');
if (!existsSync(join(dist, 'index.html'))) {
  console.error('No built site in docs/.vitepress/dist: run `npm run build -w @repo/docs` first.');
  process.exit(1);
}
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  console.error(`No Chromium at ${executablePath}: apt-get install -y chromium, or set CHROMIUM_PATH.`);
  process.exit(1);
}

const started = Date.now();
const { url, server } = await serveStatic(dist);
const browser = await chromium.launch({
  executablePath,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const steps: string[] = [];
function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`smoke test failed: ${message}`);
  steps.push(`ok  ${message}`);
}

try {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));

  await page.goto(`${url}/`);
  check((await page.title()).includes('Clinic reports'), 'home page loads');

  const word = process.env.SMOKE_QUERY ?? 'idempotency';
  await page.locator('.VPNavBarSearch button').first().click();
  await page.locator('#localsearch-input').fill(word);
  const first = page.locator('#localsearch-list .result').first();
  await first.waitFor({ timeout: 10_000 });
  const resultCount = await page.locator('#localsearch-list .result').count();
  check(resultCount > 0, `search for "${word}" lists ${resultCount} result(s)`);

  const href = (await first.getAttribute('href')) ?? '';
  await first.click();
  await page.waitForURL((u) => u.pathname !== '/', { timeout: 10_000 });
  const heading = (await page.locator('.vp-doc h1').first().textContent()) ?? '';
  check(
    heading.trim().length > 0 && page.url().includes(href.split('#')[0] ?? ''),
    `followed ${href} to "${heading.trim()}"`,
  );
  check(
    (await page.locator('.vp-doc').textContent())?.toLowerCase().includes(word) ?? false,
    `the page mentions "${word}"`,
  );

  await page.goto(`${url}/pt-BR/playbooks/team-development.html`);
  check((await page.locator('html').getAttribute('lang')) === 'pt-BR', 'pt-BR page has lang="pt-BR"');
  check(
    ((await page.locator('.vp-doc h1').textContent()) ?? '').includes('Desenvolvimento do time'),
    'pt-BR mission playbook renders',
  );

  check(errors.length === 0, `no page errors${errors.length ? `: ${errors.join('; ')}` : ''}`);
} finally {
  await browser.close();
  server.close();
}
for (const step of steps) console.log(step);
console.log(`docs smoke test passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
