import type { Page } from '@playwright/test';
import { test, expect, login } from '../support/fixtures.js';
import { addHostWithAgent } from '../support/hosts.js';
import { berth } from '../support/berth-cli.js';

/**
 * The friction a new user met (issue 12, items 9–13): a phone-sized layout with a menu button,
 * logs that open at the newest line with Follow on, the `/` and `?` shortcuts, validation in
 * people's words, the restart policy changed in the UI, a favicon.
 */

/** Whether the page is wider than the window (something runs off the screen). */
async function overflows(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}

test('a phone-sized page fits, logs open at the newest line following, shortcuts, words, restart policy', async ({
  page,
  stack,
  agents,
}) => {
  test.setTimeout(180_000);
  await login(page, 'admin', stack.adminPassword);
  const { hostId, agent } = await addHostWithAgent(page, agents, 'friction-1', {
    name: 'bfrict1',
    subnet: '10.233.7.0/24',
  });
  berth(agent.socket, [
    'run',
    '-d',
    '--name',
    'chatty',
    stack.images.base,
    'sh',
    '-c',
    'i=0; while [ $i -lt 300 ]; do i=$((i+1)); echo line-$i; done; while true; do sleep 1; echo tick; done',
  ]);
  const engineId = JSON.parse(berth(agent.socket, ['inspect', 'chatty']))[0].id as string;

  await test.step('Add host with an empty name says what to do', async () => {
    await page.goto('/hosts');
    await page.getByRole('button', { name: 'Add host' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
    await expect(page.getByRole('dialog').getByRole('alert')).toHaveText(
      'Give the host a name, e.g. web-1.',
    );
    await page.keyboard.press('Escape');
  });

  await test.step('the create form speaks people’s words', async () => {
    await page.goto(`/containers/new?host=${hostId}`);
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(page.getByText('Image is required.')).toBeVisible();
    await expect(page.getByText(/Too small|expected string/)).toHaveCount(0);
  });

  await test.step('/ focuses the filter, ? lists the shortcuts', async () => {
    await page.goto('/containers');
    await expect(page.getByTestId('container-row').first()).toBeVisible();
    await page.locator('body').press('/');
    await expect(page.getByLabel('Filter by name')).toBeFocused();
    await page.keyboard.type('chat');
    await expect(page.getByTestId('container-row')).toHaveCount(1);
    await page.locator('body').click();
    await page.locator('body').press('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    await page.keyboard.press('Escape');
  });

  await test.step('logs open at the newest line with Follow on; Start jumps to the oldest', async () => {
    await page.goto(`/containers/${hostId}/${engineId}`);
    await page.getByRole('tab', { name: 'Logs' }).click();
    await expect(page.getByLabel('Follow')).toBeChecked();
    const logs = page.getByTestId('logs');
    await expect(logs).toContainText('line-300');
    await expect(page.getByTestId('follow-status')).toHaveText('following');
    const atBottom = () =>
      logs.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight < 30);
    await expect.poll(atBottom).toBe(true);
    await page.getByRole('button', { name: '↑ Start' }).click();
    expect(await logs.evaluate((el) => el.scrollTop)).toBe(0);
  });

  await test.step('the restart policy changes in the UI', async () => {
    await page.getByRole('tab', { name: 'Limits' }).click();
    await page.getByLabel('Restart policy').selectOption('unless-stopped');
    await page.getByRole('button', { name: 'Save limits' }).click();
    await expect
      .poll(
        () =>
          (
            JSON.parse(berth(agent.socket, ['inspect', 'chatty']))[0] as {
              restartPolicy: { name: string };
            }
          ).restartPolicy.name,
      )
      .toBe('unless-stopped');
  });

  await test.step('a favicon', async () => {
    const href = await page.locator('link[rel="icon"]').first().getAttribute('href');
    expect(href).toBeTruthy();
    const res = await page.request.get(href!);
    expect(res.ok()).toBe(true);
  });

  await test.step('at 390 px nothing runs off the screen; the menu button opens the sections', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const path of ['/', '/containers', `/containers/${hostId}/${engineId}`]) {
      await page.goto(path);
      await expect(page.getByRole('button', { name: /Menu/ })).toBeVisible();
      expect(await overflows(page), `${path} fits 390 px`).toBe(false);
    }
    await page.getByRole('tab', { name: 'Terminal' }).click();
    await expect(page.getByTestId('terminal-state')).toHaveText('connected');
    expect(await overflows(page)).toBe(false);
    await page.getByRole('button', { name: /Menu/ }).click();
    await page.locator('#main-menu').getByRole('link', { name: 'Hosts' }).click();
    await expect(page).toHaveURL(/\/hosts$/);
    await expect(page.locator('#main-menu')).toHaveCount(0);
    expect(await overflows(page)).toBe(false);
  });
});
