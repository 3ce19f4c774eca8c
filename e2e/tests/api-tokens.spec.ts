import { test, expect, login } from '../support/fixtures.js';
import { request } from '@playwright/test';

test('an API token is made in the UI, shown once, works without a cookie, and dies when revoked', async ({
  page,
  stack,
  shot,
}) => {
  await login(page, 'admin', stack.adminPassword);
  await page.goto('/account');
  await page.getByRole('link', { name: 'Manage API tokens' }).click();
  await expect(page).toHaveURL(/\/account\/tokens$/);
  await page.getByRole('button', { name: 'New token' }).click();
  await page.getByLabel('Name').fill('e2e-script');
  await page.getByRole('checkbox', { name: /metrics/ }).check();
  await page.getByLabel('Expires').selectOption('30');
  await page.getByRole('button', { name: 'Create token' }).click();
  const shown = page.getByTestId('new-token');
  await expect(shown).toHaveText(/^berth_[0-9A-Za-z]{40}$/);
  const token = (await shown.textContent())!;
  await shot(page, 'api-token-created');
  await page.getByRole('button', { name: 'Done' }).click();
  const row = page.getByRole('row').filter({ hasText: 'e2e-script' });
  await expect(row).toContainText('read, metrics');
  await expect(row).not.toContainText(token);

  // A script: no cookie, no Origin, just the bearer.
  const script = await request.newContext({ baseURL: stack.baseURL });
  const auth = { authorization: `Bearer ${token}` };
  expect((await script.get('/api/hosts', { headers: auth })).status()).toBe(200);
  expect((await script.get('/metrics', { headers: auth })).status()).toBe(200);

  await row.getByRole('button', { name: 'Revoke' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
  await expect(row).toContainText('revoked');
  expect((await script.get('/api/hosts', { headers: auth })).status()).toBe(401);
  await script.dispose();
  await shot(page, 'api-tokens');
});

test('the API page lists the operations from the OpenAPI document', async ({
  page,
  stack,
  shot,
}) => {
  await login(page, 'admin', stack.adminPassword);
  await page.getByRole('link', { name: 'API', exact: true }).click();
  await expect(page).toHaveURL(/\/api-docs$/);
  const op = page
    .locator('details')
    .filter({ hasText: '/api/tokens' })
    .filter({ hasText: 'POST' })
    .first();
  await op.locator('summary').first().click();
  await expect(op).toContainText('Authorization: Bearer $BERTH_TOKEN');
  await shot(page, 'api-docs');
  const doc = await page.request.get('/api/openapi.json');
  expect((await doc.json()).openapi).toBe('3.1.0');
});

test('alerts: an admin adds a webhook channel and a rule in the UI', async ({
  page,
  stack,
  shot,
}) => {
  await login(page, 'admin', stack.adminPassword);
  await page.getByRole('link', { name: 'Alerts', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Alerts' })).toBeVisible();
  await page.getByRole('link', { name: /rules, channels and silences/i }).click();
  const channel = page.getByRole('form', { name: 'New channel' });
  await channel.getByLabel('Name').fill('e2e-hook');
  await channel.getByLabel('URL').fill('http://127.0.0.1:9/hook');
  await channel.getByRole('button', { name: 'Add channel' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'e2e-hook' })).toBeVisible();
  const rule = page.getByRole('form', { name: 'New alert rule' });
  await rule.getByLabel('Name').fill('e2e-exits');
  await rule.getByLabel('When', { exact: true }).selectOption('restart_loop');
  await rule.getByLabel('Unexpected exits (count)').fill('4');
  await rule.getByRole('checkbox', { name: /e2e-hook/ }).check();
  await rule.getByRole('button', { name: 'Add rule' }).click();
  const row = page.getByRole('row').filter({ hasText: 'e2e-exits' });
  await expect(row).toContainText('Restart loop');
  await expect(row).toContainText('restarts=4');
  await expect(row).toContainText('e2e-hook');
  await shot(page, 'alert-rules');
});
