// The reference journey in a real browser against the real API, worker and PostgreSQL: sign in, create a
// report, watch it succeed, download it and count its rows; lose the API mid-flow and recover without a
// reload. axe-core checks every page; screenshots of the main states go to test-results/screenshots.
import { readFileSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import pg from 'pg';
import { startStack, type Stack } from './support/stack.ts';

test.describe.configure({ mode: 'serial' });

let stack: Stack | undefined;
const up = (): Stack => {
  if (!stack) throw new Error('the stack did not start');
  return stack;
};

test.beforeAll(async () => {
  test.setTimeout(120_000);
  stack = await startStack();
});

test.afterAll(async () => {
  await stack?.close();
});

async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    blocking.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) })),
  ).toEqual([]);
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

async function signIn(page: Page, token = 'demo-clinic-a'): Promise<void> {
  await page.goto(`${up().webUrl}/reports`);
  await expect(page).toHaveURL(/\/sign-in\?returnTo=%2Freports/);
  await page.getByLabel('Token de acesso').fill(token);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await expect(page).toHaveURL(/\/reports$/);
  await expect(page.getByText(/^Conectado como /)).toBeVisible();
}

/** RFC 4180 records (quoted fields may hold commas, quotes and line breaks). */
function csvRecords(text: string): number {
  let records = 0;
  let quoted = false;
  let fieldStart = true;
  let pending = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') i++;
      else if (c === '"') quoted = false;
      continue;
    }
    if (c === '"' && fieldStart) quoted = true;
    if (c === '\n') {
      records++;
      pending = false;
      fieldStart = true;
      continue;
    }
    pending = true;
    fieldStart = c === ',';
  }
  return records + (pending ? 1 : 0);
}

async function appointmentsIn(companyId: string, from: string, to: string): Promise<number> {
  const client = new pg.Client({ connectionString: up().databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM appointments WHERE company_id = $1
         AND starts_at >= ($2::date)::timestamp AT TIME ZONE 'UTC'
         AND starts_at < (($3::date) + 1)::timestamp AT TIME ZONE 'UTC'`,
      [companyId, from, to],
    );
    return rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
}

async function busiestMonth(companyId: string): Promise<{ from: string; to: string }> {
  const client = new pg.Client({ connectionString: up().databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ month: string }>(
      `SELECT to_char(date_trunc('month', starts_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS month
         FROM appointments WHERE company_id = $1 GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
      [companyId],
    );
    const from = rows[0]?.month ?? '2026-01-01';
    const end = new Date(`${from}T00:00:00Z`);
    end.setUTCMonth(end.getUTCMonth() + 1);
    end.setUTCDate(0);
    return { from, to: end.toISOString().slice(0, 10) };
  } finally {
    await client.end();
  }
}

test('sign in, create a report, watch it succeed, download it and check its row count', async ({
  page,
  request,
}) => {
  await page.goto(`${up().webUrl}/`);
  await expect(page.getByRole('heading', { name: 'Entrar' })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, '01-sign-in');

  await page.getByLabel('Token de acesso').fill('not-a-token');
  await page.getByRole('button', { name: 'Entrar' }).click();
  await expect(page.getByText('Token inválido ou revogado. Confira e tente de novo.')).toBeVisible();
  await screenshot(page, '02-sign-in-invalid-token');

  await signIn(page);
  await expectAccessible(page);
  await screenshot(page, '03-reports-empty');

  const clinic = (await (
    await request.get(`${up().apiUrl}/v1/clinic`, { headers: { Authorization: 'Bearer demo-clinic-a' } })
  ).json()) as { id: string };
  const period = await busiestMonth(clinic.id);
  const expectedRows = await appointmentsIn(clinic.id, period.from, period.to);
  expect(expectedRows).toBeGreaterThan(0);

  await page.getByLabel('Tipo de relatório').selectOption('appointments');
  await page.getByLabel('Formato').selectOption('csv');
  await page.getByLabel('De', { exact: true }).fill(period.from);
  await page.getByLabel('Até', { exact: true }).fill(period.to);
  await page.getByRole('button', { name: 'Solicitar relatório' }).click();
  await expect(page.getByText('Relatório solicitado. Acompanhe a situação na lista.')).toBeVisible();

  const row = page.locator('tbody tr').first();
  await expect(row.getByText('Pronto')).toBeVisible({ timeout: 60_000 });
  await expectAccessible(page);
  await screenshot(page, '04-report-succeeded');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    row.getByRole('button', { name: /^Baixar/ }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const csv = readFileSync(await download.path(), 'utf8');
  const dataRows = csvRecords(csv) - 1;
  expect(csv.split(/\r?\n/, 1)[0]).toContain('appointment_id');
  expect(dataRows).toBe(expectedRows);

  await row.getByRole('link').first().click();
  await expect(page.getByRole('heading', { name: /^Relatório / })).toBeVisible();
  const shownRows = Number((await page.getByTestId('row-count').innerText()).replace(/\D/g, ''));
  expect(shownRows).toBe(expectedRows);
  await expectAccessible(page);
  await screenshot(page, '05-report-detail');

  await page.goto(`${up().webUrl}/reports/999999999`);
  await expect(page.getByRole('heading', { name: 'Não encontrado' })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, '06-not-found');

  await page
    .getByRole('navigation', { name: 'Navegação principal' })
    .getByRole('link', { name: 'Insights' })
    .click();
  await expect(page).toHaveURL(/\/insights/);
  await expectAccessible(page);
  await screenshot(page, '07-insights-slot');
});

test('the API stops mid-flow: the retry state shows, input is kept, and it recovers without a reload', async ({
  page,
}) => {
  await signIn(page);
  await page.evaluate(() => {
    (window as unknown as { noReloadMarker: boolean }).noReloadMarker = true;
  });
  await page.getByLabel('Formato').selectOption('xlsx');

  await up().stopApi();
  await page.getByRole('button', { name: 'Solicitar relatório' }).click();
  await expect(page.getByTestId('api-down-banner')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText('Seus dados foram mantidos.')).toBeVisible();
  const form = page.getByRole('region', { name: 'Novo relatório' });
  await expect(form.getByText('Sem conexão com o servidor')).toBeVisible();
  await expect(page.getByLabel('Formato')).toHaveValue('xlsx');
  await expectAccessible(page);
  await screenshot(page, '08-api-down');

  await up().startApi();
  await expect(page.getByTestId('api-down-banner')).toBeHidden({ timeout: 30_000 });
  // The list may also show its own retry while the API was down: retry the create, inside the form.
  await form.getByRole('button', { name: 'Tentar de novo' }).click();
  await expect(page.getByText('Relatório solicitado. Acompanhe a situação na lista.')).toBeVisible();
  await expect(page.locator('tbody tr').first().getByText('XLSX')).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { noReloadMarker?: boolean }).noReloadMarker)).toBe(
    true,
  );
  await screenshot(page, '09-recovered');

  await page.context().setOffline(true);
  await expect(page.getByTestId('offline-banner')).toBeVisible();
  await screenshot(page, '10-offline');
  await page.context().setOffline(false);
  await expect(page.getByTestId('offline-banner')).toBeHidden();
});
