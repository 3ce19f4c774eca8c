import { test, expect, login } from '../support/fixtures.js';
import { parseJoinCommand } from '../support/agent.js';

test('add a host in the UI, start the shown command, see it online; revoke cuts it off', async ({
  page,
  stack,
  agents,
  shot,
}) => {
  await login(page, 'admin', stack.adminPassword);
  await page.goto('/hosts');
  await shot(page, 'hosts-empty');

  await page.getByRole('button', { name: 'Add host' }).click();
  await page.getByLabel('Name').fill('e2e-host-1');
  await page
    .getByRole('button', { name: /create|add/i })
    .last()
    .click();
  const command = (await page.getByTestId('join-command').textContent())?.trim() ?? '';
  expect(command).toMatch(
    /^curl -fsSL http:\/\/127\.0\.0\.1:\d+\/install\.sh \| sudo BERTH_JOIN_TOKEN=bjt1\.\S+ sh -s -- --sha256 [0-9a-f]{64}$/,
  );
  await shot(page, 'add-host');
  await page.keyboard.press('Escape');

  const args = parseJoinCommand(command);
  const agent = agents.start(args);

  const row = page.getByTestId('host-row').filter({ hasText: 'e2e-host-1' });
  await expect(row).toContainText('online', { timeout: 30_000 });
  await expect(row).toContainText(/cgroup v[12]/i);
  await shot(page, 'hosts-online');

  await row.getByRole('link', { name: 'e2e-host-1' }).click();
  await expect(page.getByText(/kernel/i).first()).toBeVisible();
  await shot(page, 'host-detail');

  // The join token is single use: a second agent with the same command is refused.
  const reuse = agents.start(args);
  await expect
    .poll(() => reuse.logText(), { timeout: 20_000 })
    .toMatch(/refused|invalid|already used|expired/i);

  await page.getByRole('button', { name: 'Revoke' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
  await expect(page.getByTestId('host-status')).toContainText('revoked');

  // The agent is cut off at once and does not get back in with its credential.
  await expect.poll(() => agent.logText(), { timeout: 20_000 }).toMatch(/revoked/i);
  await page.goto('/hosts');
  await expect(page.getByTestId('host-row').filter({ hasText: 'e2e-host-1' })).toContainText(
    'revoked',
  );
  await page.waitForTimeout(3000);
  await page.reload();
  await expect(page.getByTestId('host-row').filter({ hasText: 'e2e-host-1' })).not.toContainText(
    'online',
  );
});
