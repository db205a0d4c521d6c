// Insights in a real browser against the real API and a seeded PostgreSQL: a product user opens the
// dashboards, switches sections and downloads a table as CSV. The views are refreshed first (the worker's
// schedule would do it a few seconds after start).
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import pg from 'pg';
import { refreshInsights } from '@repo/db';
import { startStack, type Stack } from './support/stack.ts';

let stack: Stack | undefined;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  stack = await startStack();
  const pool = new pg.Pool({ connectionString: stack.databaseUrl, max: 1 });
  try {
    await refreshInsights(pool);
  } finally {
    await pool.end();
  }
});

test.afterAll(async () => {
  await stack?.close();
});

test('a product user reads the insights, switches to no-shows and downloads them as CSV', async ({
  page,
}) => {
  if (!stack) throw new Error('the stack did not start');
  await page.goto(`${stack.webUrl}/insights`);
  await page.getByLabel('Token de acesso').fill('demo-product');
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.goto(`${stack.webUrl}/insights`);

  const overview = page.getByRole('region', { name: 'Visão geral' });
  await expect(overview.getByRole('row').nth(1)).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('.recharts-wrapper').first()).toBeVisible();

  await page.getByRole('button', { name: 'Faltas' }).click();
  const noShow = page.getByRole('region', { name: 'Faltas' });
  await expect(noShow.getByRole('cell', { name: 'Antecedência (dias)' }).first()).toBeVisible();
  const download = page.waitForEvent('download');
  await noShow.getByRole('button', { name: 'Baixar CSV' }).click();
  expect((await download).suggestedFilename()).toBe('insights-no-show.csv');

  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(results.violations.filter((v) => v.impact === 'critical').map((v) => v.id)).toEqual([]);
});
