import { test, expect, login } from '../support/fixtures.js';

test('the admin logs in, sees the dashboard, and logs out', async ({ page, stack, shot }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
  await shot(page, 'login');

  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText(/invalid|incorrect/i);
  await expect(page).toHaveURL(/\/login/);

  await login(page, 'admin', stack.adminPassword);
  await expect(page.getByRole('navigation')).toContainText('Hosts');
  await shot(page, 'overview');

  await page.getByRole('button', { name: /log ?out|sign out/i }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto('/hosts');
  await expect(page).toHaveURL(/\/login/);
});

test('state-changing API calls need a session and our own Origin', async ({ request, stack }) => {
  const noSession = await request.post('/api/hosts', {
    data: { name: 'x' },
    headers: { origin: stack.baseURL },
  });
  expect(noSession.status()).toBe(401);

  const foreign = await request.post('/api/auth/login', {
    data: { username: 'admin', password: stack.adminPassword },
    headers: { origin: 'http://evil.example' },
  });
  expect(foreign.status()).toBe(403);
});
