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

  // An admin resets vera's password: her open session ends, the old password no longer works,
  // and the new one must be changed before anything else (as a created user's).
  await page.goto('/users');
  const vera = page.getByRole('row').filter({ hasText: 'vera' });
  await vera.getByRole('button', { name: 'Reset password' }).click();
  const reset = page.getByRole('dialog');
  await reset.getByLabel('New password').fill('short');
  await reset.getByRole('button', { name: 'Set password' }).click();
  await expect(reset).toBeVisible(); // the browser refuses under 10 characters: nothing sent
  await reset.getByLabel('New password').fill('reset-by-admin-42');
  await reset.getByRole('button', { name: 'Set password' }).click();
  await expect(reset).toBeHidden();
  await viewer.goto('/containers');
  await expect(viewer).toHaveURL(/\/login/);
  await viewer.getByLabel('Username').fill('vera');
  await viewer.getByLabel('Password').fill('vera-own-password-1');
  await viewer.getByRole('button', { name: 'Sign in' }).click();
  await expect(viewer.getByRole('alert')).toBeVisible();
  await expect(viewer).toHaveURL(/\/login/);
  await login(viewer, 'vera', 'reset-by-admin-42');
  await viewer.goto('/containers');
  await changeInitialPassword(viewer, 'reset-by-admin-42', 'vera-second-password-2');
  await ctx.close();

  // Every one of those actions is in the audit log.
  await page.goto('/audit');
  await expect(page.getByRole('table')).toContainText('user.create');
  await expect(page.getByRole('table')).toContainText('user.password.reset');
  await shot(page, 'audit');
});

test('an admin stores registry credentials once; the password is never shown again', async ({
  page,
  stack,
  shot,
}) => {
  const registry = 'e2e-private.example:5000';
  const secret = 'e2e-Registry-password-9';
  await login(page, 'admin', stack.adminPassword);
  await page.goto('/images');
  const card = page
    .locator('div')
    .filter({ has: page.getByRole('heading', { name: 'Registry credentials' }) })
    .last();
  await expect(card.getByText(/No registry credentials stored yet/)).toBeVisible();

  // Errors in people's words, per field, before anything is sent.
  await card.getByRole('button', { name: 'Save credentials' }).click();
  await expect(card.getByText('Registry host is required.')).toBeVisible();
  await expect(card.getByText('Password is required.')).toBeVisible();
  await card.getByLabel('Registry host').fill(`https://${registry}/team`);
  await card.getByLabel('Username').fill('ci:bot');
  await card.getByLabel('Password or token').fill(secret);
  await card.getByRole('button', { name: 'Save credentials' }).click();
  await expect(card.getByText(/without a path/)).toBeVisible();
  await expect(card.getByText('A registry username has no ":" or spaces.')).toBeVisible();

  await card.getByLabel('Registry host').fill(`https://${registry}/`);
  await card.getByLabel('Username').fill('ci-bot');
  await card.getByRole('button', { name: 'Save credentials' }).click();
  await expect(card.getByRole('status')).toContainText(`Saved the credentials for ${registry}`);
  const list = card.getByRole('list', { name: 'Stored registry credentials' });
  await expect(list).toContainText(registry);
  await expect(list).toContainText('as ci-bot');
  await expect(card.getByLabel('Password or token')).toHaveValue('');
  await page.reload();
  await expect(page.getByRole('list', { name: 'Stored registry credentials' })).toContainText(
    'stored by admin',
  );
  expect(await page.content()).not.toContain(secret);
  await shot(page, 'registry-credentials');

  // Replace prefills all but the password; remove asks once more.
  await card.getByRole('button', { name: `Replace ${registry}` }).click();
  await expect(card.getByLabel('Registry host')).toHaveValue(registry);
  await expect(card.getByLabel('Password or token')).toBeFocused();
  await card.getByRole('button', { name: `Remove ${registry}`, exact: true }).click();
  await card.getByRole('button', { name: `Remove ${registry} for good` }).click();
  await expect(card.getByText(/No registry credentials stored yet/)).toBeVisible();
});
