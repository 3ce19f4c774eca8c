import type { Browser, Page } from '@playwright/test';
import { test, expect, login, createReadyUser } from '../support/fixtures.js';
import { addHostWithAgent } from '../support/hosts.js';
import { berth } from '../support/berth-cli.js';

// Read xterm's text from the DOM renderer (WebGL draws into a canvas).
test.beforeEach(async ({ context }) => {
  await context.addInitScript(() => window.localStorage.setItem('berth.terminal.renderer', 'dom'));
});

/** The shells a terminal started in the container (its main process is `sleep`). */
function shellsIn(socket: string, name: string): number {
  return berth(socket, ['exec', name, 'ps', '-o', 'comm'])
    .split('\n')
    .filter((l) => l.trim() === 'sh').length;
}

/** A fresh browser context of the operator with the container's terminal connected. */
async function operatorTerminal(browser: Browser, baseURL: string, url: string) {
  const ctx = await browser.newContext({ baseURL });
  await ctx.addInitScript(() => window.localStorage.setItem('berth.terminal.renderer', 'dom'));
  const page = await ctx.newPage();
  await login(page, 'opal', 'opal-password-123');
  await page.goto(url);
  await page.getByRole('tab', { name: 'Terminal' }).click();
  await expect(page.getByTestId('terminal-state')).toHaveText('connected');
  return { ctx, page };
}

/** Runs `act`, waits for its API answer, then the terminal must say why within a second. */
async function endsWithin1s(page: Page, reason: string, act: () => Promise<unknown>) {
  await act();
  await expect(page.getByTestId('terminal-state')).toHaveText(reason, { timeout: 1000 });
  await expect(page.getByTestId('session-ended')).toContainText(reason, { ignoreCase: true });
}

test('a browser loses its terminal within a second, with the reason, when it logs out elsewhere, is demoted or is disabled', async ({
  page,
  browser,
  stack,
  agents,
  shot,
}) => {
  test.setTimeout(300_000);
  await login(page, 'admin', stack.adminPassword);
  const { hostId, agent } = await addHostWithAgent(page, agents, 'sess-1', {
    name: 'bsess1',
    subnet: '10.231.5.0/24',
  });
  berth(agent.socket, ['run', '-d', '--name', 'sess-box', stack.images.base, 'sleep', '3600']);
  const engineId = JSON.parse(berth(agent.socket, ['inspect', 'sess-box']))[0].id as string;
  const url = `/containers/${hostId}/${engineId}`;
  await createReadyUser(page, stack.baseURL, {
    username: 'opal',
    password: 'opal-password-123',
    role: 'operator',
  });

  await test.step('(a) logging out in another tab ends this tab’s terminal', async () => {
    const { ctx, page: tab } = await operatorTerminal(browser, stack.baseURL, url);
    await expect.poll(() => shellsIn(agent.socket, 'sess-box')).toBe(1);
    const other = await ctx.newPage();
    await other.goto('/');
    await endsWithin1s(tab, 'session ended: logged out', () =>
      Promise.all([
        other.waitForResponse((r) => r.url().endsWith('/api/auth/logout')),
        other.getByRole('button', { name: 'Log out' }).click(),
      ]),
    );
    await shot(tab, 'terminal-session-ended');
    // The shell on the host is gone too, not only the view of it.
    await expect.poll(() => shellsIn(agent.socket, 'sess-box')).toBe(0);
    await ctx.close();
  });

  await test.step('(b) an admin demoting the user to viewer ends the terminal', async () => {
    const { ctx, page: tab } = await operatorTerminal(browser, stack.baseURL, url);
    await page.goto('/users');
    await endsWithin1s(tab, 'your role changed', () =>
      Promise.all([
        page.waitForResponse(
          (r) => r.url().includes('/api/users/') && r.request().method() === 'PATCH',
        ),
        page.getByLabel('Access level for opal').selectOption('viewer'),
      ]),
    );
    await expect(
      tab.getByTestId('session-ended').getByRole('button', { name: 'Reload' }),
    ).toBeVisible();
    await expect.poll(() => shellsIn(agent.socket, 'sess-box')).toBe(0);
    // After a reload the viewer may not open one.
    await tab.reload();
    await tab.getByRole('tab', { name: 'Terminal' }).click();
    await expect(tab.getByTestId('terminal-state')).toHaveText('not allowed');
    await ctx.close();
    await page.getByLabel('Access level for opal').selectOption('operator');
    await expect(page.getByLabel('Access level for opal')).toHaveValue('operator');
  });

  await test.step('(c) an admin disabling the user ends the terminal', async () => {
    const { ctx, page: tab } = await operatorTerminal(browser, stack.baseURL, url);
    await page.goto('/users');
    const row = page.getByRole('row').filter({ hasText: 'opal' });
    await endsWithin1s(tab, 'session ended: the account was disabled', () =>
      Promise.all([
        page.waitForResponse(
          (r) => r.url().includes('/api/users/') && r.request().method() === 'PATCH',
        ),
        row.getByRole('button', { name: 'Disable' }).click(),
      ]),
    );
    await expect(
      tab.getByTestId('session-ended').getByRole('link', { name: 'Sign in again' }),
    ).toBeVisible();
    await expect.poll(() => shellsIn(agent.socket, 'sess-box')).toBe(0);
    await ctx.close();
  });
});
