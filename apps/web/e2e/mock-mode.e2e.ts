// `npm run dev:mock`: the app on the MSW browser worker, no API. The scenario switcher must put any failure
// state on screen by hand.
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { freePort, httpOk, start, stop, waitFor, type Started } from './support/processes.ts';
import { repoRoot } from './support/stack.ts';

let server: Started | undefined;
let url = '';

test.beforeAll(async () => {
  test.setTimeout(90_000);
  const port = await freePort();
  url = `http://127.0.0.1:${String(port)}`;
  const vite = join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  server = start(
    'mock',
    process.execPath,
    [vite, '--mode', 'mock', '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
    {
      cwd: join(repoRoot, 'apps', 'web'),
      env: { ...process.env },
    },
  );
  await waitFor('vite --mode mock', () => httpOk(url), server, 60_000);
});

test.afterAll(async () => {
  if (server) await stop(server.child);
});

test('mock mode: demo tokens, the happy path, and a failure picked in the scenario switcher', async ({
  page,
}) => {
  await page.goto(`${url}/sign-in`);
  await page.getByRole('button', { name: 'Usar demo-clinic-a' }).click();
  await page.getByRole('button', { name: 'Entrar' }).click();
  await expect(page).toHaveURL(/\/reports$/, { timeout: 30_000 });
  await expect(page.getByText('Pronto').first()).toBeVisible();
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(
    results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
  ).toEqual([]);
  await page.screenshot({ path: 'test-results/screenshots/11-mock-mode.png', fullPage: true });

  await page.getByLabel('Mock API scenario').selectOption('rateLimited');
  await page.getByRole('button', { name: 'Solicitar relatório' }).click();
  await expect(page.getByTestId('countdown')).toContainText('segundos');
  await expect(page.getByText('Código da requisição: req-mock-0001')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/12-mock-rate-limited.png', fullPage: true });

  await page.getByLabel('Mock API scenario').selectOption('validationError');
  await page.getByRole('button', { name: 'Solicitar relatório' }).click();
  await expect(page.getByText('O período pode ter no máximo 366 dias.')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/13-mock-validation.png', fullPage: true });
});
