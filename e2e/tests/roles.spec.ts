import { test, expect, login, changeInitialPassword } from '../support/fixtures.js';

test('a viewer cannot reach admin pages or change anything', async ({
  page,
  browser,
  stack,
  shot,
}) => {
  await login(page, 'admin', stack.adminPassword);
  await page.goto('/users');
  await page.getByRole('button', { name: /add user|new user|create user/i }).click();
  await page.getByLabel('Username').fill('vera');
  await page.getByLabel('Password', { exact: true }).fill('viewer-password-123');
  await page.getByLabel('Role').selectOption('viewer');
  await page.getByRole('button', { name: /^create/i }).click();
  await expect(page.getByRole('row').filter({ hasText: 'vera' })).toContainText('viewer');
  await shot(page, 'users');

  const ctx = await browser.newContext({ baseURL: stack.baseURL });
  const viewer = await ctx.newPage();
  await login(viewer, 'vera', 'viewer-password-123');
  // The password an admin gave must be changed before anything else works.
  await viewer.goto('/containers');
  await changeInitialPassword(viewer, 'viewer-password-123', 'vera-own-password-1');
  await viewer.goto('/users');
  await expect(viewer.getByText(/not allowed/i)).toBeVisible();
  await shot(viewer, 'viewer-not-allowed');
  await viewer.goto('/audit');
  await expect(viewer.getByText(/not allowed/i)).toBeVisible();

  const res = await viewer.request.post('/api/hosts', {
    data: { name: 'nope' },
    headers: { origin: stack.baseURL },
  });
  expect(res.status()).toBe(403);
  await ctx.close();

  // Every one of those actions is in the audit log.
  await page.goto('/audit');
  await expect(page.getByRole('table')).toContainText('user.create');
  await shot(page, 'audit');
});
