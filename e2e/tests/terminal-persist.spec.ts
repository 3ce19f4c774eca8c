import type { Page } from '@playwright/test';
import { test, expect, login, createReadyUser } from '../support/fixtures.js';
import { addHostWithAgent } from '../support/hosts.js';
import { berth } from '../support/berth-cli.js';

/**
 * Terminals that survive navigation (issue 12, bug 3): the shell and its children live on the
 * agent while the page is away — another tab of the page, a reload — and the page comes back to
 * it with its scrollback; "End session" ends it. Nobody else's page can come back to it.
 */
test.beforeEach(async ({ context }) => {
  await context.addInitScript(() => window.localStorage.setItem('berth.terminal.renderer', 'dom'));
});

async function terminalText(page: Page): Promise<string> {
  const rows = await page.getByTestId('terminal').locator('.xterm-rows > div').allTextContents();
  return rows.map((r) => r.replace(/\u00a0/g, ' ').trimEnd()).join('\n');
}

async function typeInTerminal(page: Page, line: string): Promise<void> {
  await page.getByTestId('terminal').click();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

/** Processes named `comm` in the container (its main process is `sleep 3600`). */
function processes(socket: string, name: string, comm: string): number {
  return berth(socket, ['exec', name, 'ps', '-o', 'comm,args'])
    .split('\n')
    .filter((l) => l.trim().split(/\s+/)[0] === comm).length;
}

function childAlive(socket: string, name: string): boolean {
  return berth(socket, ['exec', name, 'ps', '-o', 'args']).includes('sleep 4242');
}

test('a shell survives a tab switch and a reload with its scrollback; only its owner comes back to it; End session ends it', async ({
  page,
  browser,
  stack,
  agents,
}) => {
  test.setTimeout(240_000);
  await login(page, 'admin', stack.adminPassword);
  const { hostId, agent } = await addHostWithAgent(page, agents, 'persist-1', {
    name: 'bpersist1',
    subnet: '10.233.5.0/24',
  });
  berth(agent.socket, ['run', '-d', '--name', 'keeper', stack.images.base, 'sleep', '3600']);
  const engineId = JSON.parse(berth(agent.socket, ['inspect', 'keeper']))[0].id as string;
  await page.goto(`/containers/${hostId}/${engineId}`);
  await page.getByRole('tab', { name: 'Terminal' }).click();
  await expect(page.getByTestId('terminal-state')).toHaveText('connected');
  await typeInTerminal(page, 'sleep 4242 & echo MARK-$((40+2))-ONE');
  await expect.poll(() => terminalText(page)).toContain('MARK-42-ONE');
  await expect.poll(() => processes(agent.socket, 'keeper', 'sh')).toBe(1);

  await test.step('to Graphs and back: the same shell, its child alive, the scrollback replayed', async () => {
    await page.getByRole('tab', { name: 'Graphs' }).click();
    await expect(page.getByTestId('terminal')).toHaveCount(0);
    expect(childAlive(agent.socket, 'keeper')).toBe(true);
    await page.getByRole('tab', { name: 'Terminal' }).click();
    await expect(page.getByTestId('terminal-state')).toHaveText('connected');
    await expect.poll(() => terminalText(page)).toContain('MARK-42-ONE');
    expect(processes(agent.socket, 'keeper', 'sh')).toBe(1);
    expect(childAlive(agent.socket, 'keeper')).toBe(true);
  });

  await test.step('a reload: still the same shell, with its scrollback, and it takes input', async () => {
    await page.reload();
    await page.getByRole('tab', { name: 'Terminal' }).click();
    await expect(page.getByTestId('terminal-state')).toHaveText('connected');
    await expect.poll(() => terminalText(page)).toContain('MARK-42-ONE');
    expect(processes(agent.socket, 'keeper', 'sh')).toBe(1);
    await typeInTerminal(page, 'echo AFTER-$((6*7))-RELOAD; jobs');
    await expect.poll(() => terminalText(page)).toContain('AFTER-42-RELOAD');
    await expect.poll(() => terminalText(page)).toMatch(/sleep 4242/);
  });

  await test.step('another operator’s page given this session’s id gets a shell of its own, never this one', async () => {
    const key = `berth.terminal:${hostId}:${engineId}`;
    const stolen = await page.evaluate((k) => window.sessionStorage.getItem(k), key);
    expect(stolen).toContain('sessionId');
    await createReadyUser(page, stack.baseURL, {
      username: 'otto',
      password: 'otto-password-123',
      role: 'operator',
    });
    const ctx = await browser.newContext({ baseURL: stack.baseURL });
    await ctx.addInitScript(
      ([k, v]) => {
        window.localStorage.setItem('berth.terminal.renderer', 'dom');
        window.sessionStorage.setItem(k!, v!);
      },
      [key, stolen],
    );
    const other = await ctx.newPage();
    await login(other, 'otto', 'otto-password-123');
    await other.goto(`/containers/${hostId}/${engineId}`);
    await other.getByRole('tab', { name: 'Terminal' }).click();
    await expect(other.getByTestId('terminal-state')).toHaveText('connected');
    await typeInTerminal(other, 'echo OTTO-$((1+1))');
    await expect.poll(() => terminalText(other)).toContain('OTTO-2');
    expect(await terminalText(other)).not.toContain('MARK-42-ONE');
    await expect.poll(() => processes(agent.socket, 'keeper', 'sh')).toBe(2);
    // The owner's page still has its own shell.
    await expect(page.getByTestId('terminal-state')).toHaveText('connected');
    await ctx.close();
  });

  await test.step('End session stops the shell and its child', async () => {
    await page.getByRole('button', { name: 'End session' }).click();
    await expect(page.getByTestId('terminal-state')).toHaveText('session ended');
    await expect.poll(() => childAlive(agent.socket, 'keeper')).toBe(false);
    // Otto's page is gone but his shell waits for him (the grace time): only ours ended.
    expect(processes(agent.socket, 'keeper', 'sh')).toBe(1);
    await page.getByRole('button', { name: 'New session' }).click();
    await expect(page.getByTestId('terminal-state')).toHaveText('connected');
    expect(await terminalText(page)).not.toContain('MARK-42-ONE');
    await typeInTerminal(page, 'echo NEW-$((2+3))');
    await expect.poll(() => terminalText(page)).toContain('NEW-5');
  });

  // The older of two open terminals ended first: the first switch to conmon aborted the agent
  // there (2026-12-07, node-unix-socket's worker clean-up; packages/runtime/README.md).
  expect(agent.alive()).toBe(true);
  expect(agent.logText()).not.toContain('Assertion');
});
