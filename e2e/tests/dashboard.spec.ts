import type { Page } from '@playwright/test';
import { test, expect, login, createReadyUser } from '../support/fixtures.js';
import { addHostWithAgent } from '../support/hosts.js';
import { berth, ps } from '../support/berth-cli.js';

// Read xterm's text from the DOM renderer (WebGL draws into a canvas).
test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => window.localStorage.setItem('berth.terminal.renderer', 'dom'));
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

/** The last `SZ:<rows> <cols>` the shell printed. */
async function sttySize(page: Page): Promise<string> {
  const marker = `SZ${Math.random().toString(36).slice(2, 6)}`;
  await typeInTerminal(page, `echo ${marker}:$(stty size)`);
  let size = '';
  await expect
    .poll(async () => {
      const m = [...(await terminalText(page)).matchAll(new RegExp(`${marker}:(\\d+ \\d+)`, 'g'))];
      size = m.at(-1)?.[1] ?? '';
      return size;
    })
    .toMatch(/^\d+ \d+$/);
  return size;
}

test('a person runs a container from the dashboard: pull, create, stop/start, terminal, graphs, logs, limits, viewer, remove', async ({
  page,
  browser,
  stack,
  agents,
  shot,
}) => {
  test.setTimeout(300_000);
  await login(page, 'admin', stack.adminPassword);
  const { hostId, agent } = await addHostWithAgent(page, agents, 'dash-1', {
    name: 'bdash1',
    subnet: '10.231.1.0/24',
  });

  await test.step('pull two images with progress; the layer-sharing view shows their shared base', async () => {
    await page.goto(`/hosts/${hostId}/images`);
    for (const ref of [stack.images.base, stack.images.web]) {
      await page.getByRole('button', { name: 'Pull image' }).click();
      await page.getByLabel('Image reference').fill(ref);
      await page.getByRole('button', { name: 'Pull', exact: true }).click();
      await expect(page.getByTestId('layer-progress').first()).toBeVisible();
      await expect(page.getByRole('dialog').getByRole('status')).toContainText('Pulled');
      await shot(page, 'image-pull');
      await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    }
    await expect(page.getByTestId('image-row')).toHaveCount(2);
    const sharing = page.getByTestId('layer-sharing');
    await expect(sharing.locator('[data-testid="layer-row"][data-shared="true"]')).toHaveCount(1);
    await expect(page.getByTestId('shared-savings')).not.toHaveText(/^\s*0\s*B/);
    await shot(page, 'layer-sharing');
  });

  await test.step('create a container with a memory limit', async () => {
    await page.goto(`/containers/new?host=${hostId}`);
    await page.getByLabel('Image').fill(stack.images.base);
    await page.getByLabel('Name', { exact: true }).fill('e2e-box');
    await page
      .getByLabel('Command')
      .fill(`sh -c "i=0; while true; do i=$((i+1)); echo tick $i; sleep 1; done"`);
    await page.getByLabel('Memory limit').fill('64m');
    await shot(page, 'create-container');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.goto('/containers');
    const row = page.getByTestId('container-row').filter({ hasText: 'e2e-box' });
    await expect(row).toHaveAttribute('data-state', 'running');
    await shot(page, 'containers');
    expect(ps(agent.socket).find((c) => c.name === 'e2e-box')?.state).toBe('running');
    await row.getByRole('link', { name: 'e2e-box' }).click();
    await expect(page.getByTestId('container-name')).toHaveText('e2e-box');
  });

  await test.step('stop by click (the host agrees), then start', async () => {
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Stop', exact: true }).click();
    await expect(page.getByText('exited').first()).toBeVisible({ timeout: 30_000 });
    await expect
      .poll(() => ps(agent.socket).find((c) => c.name === 'e2e-box')?.state)
      .toBe('exited');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await expect
      .poll(() => ps(agent.socket).find((c) => c.name === 'e2e-box')?.state)
      .toBe('running');
    await expect(page.getByText('running').first()).toBeVisible();
    await shot(page, 'container-overview');
  });

  await test.step('terminal: echo $((6*7)) prints 42, and stty size follows a window resize', async () => {
    await page.getByRole('tab', { name: 'Terminal' }).click();
    await expect(page.getByTestId('terminal-state')).toHaveText('connected');
    await typeInTerminal(page, 'echo $((6*7))');
    await expect.poll(() => terminalText(page)).toMatch(/^\s*42\s*$/m);
    const before = await sttySize(page);
    await shot(page, 'terminal');
    await page.setViewportSize({ width: 1000, height: 700 });
    await expect.poll(() => sttySize(page), { timeout: 20_000 }).not.toBe(before);
    await page.setViewportSize({ width: 1400, height: 900 });
    // A busy loop for the graph (bounded: it stops by itself).
    await typeInTerminal(page, 'timeout 40 sh -c "while :; do :; done" &');
  });

  await test.step('the CPU graph rises with the busy loop', async () => {
    await page.getByRole('tab', { name: 'Graphs' }).click();
    await expect(page.getByTestId('graph-cpu')).toBeVisible();
    // above zero, not a share: on a loaded machine the loop gets what the scheduler gives it
    await expect
      .poll(async () => parseFloat((await page.getByTestId('cpu-now').textContent()) ?? '0'), {
        timeout: 30_000,
      })
      .toBeGreaterThan(0);
    await expect(page.getByTestId('graph-memory')).toBeVisible();
    await shot(page, 'graphs');
  });

  await test.step('logs show what the container printed', async () => {
    await page.getByRole('tab', { name: 'Logs' }).click();
    await expect(page.getByTestId('logs')).toContainText('tick');
    await shot(page, 'logs');
  });

  await test.step('edit the memory limit live', async () => {
    await page.getByRole('tab', { name: 'Limits' }).click();
    await page.getByLabel('Memory limit').fill('128m');
    await page.getByRole('button', { name: 'Save limits' }).click();
    await expect
      .poll(() => {
        const [inspect] = JSON.parse(berth(agent.socket, ['inspect', 'e2e-box'])) as {
          limits?: { memory?: number };
        }[];
        return inspect?.limits?.memory;
      })
      .toBe(128 * 1024 * 1024);
  });

  await test.step('a viewer cannot open a terminal or stop the container', async () => {
    await createReadyUser(page, stack.baseURL, {
      username: 'val',
      password: 'viewer-password-456',
      role: 'viewer',
    });
    const ctx = await browser.newContext({ baseURL: stack.baseURL });
    await ctx.addInitScript(() => window.localStorage.setItem('berth.terminal.renderer', 'dom'));
    const viewer = await ctx.newPage();
    await login(viewer, 'val', 'viewer-password-456');
    await viewer.goto(page.url());
    await viewer.getByRole('tab', { name: 'Terminal' }).click();
    await expect(viewer.getByTestId('terminal-state')).toHaveText(/not allowed/i);
    const stop = viewer.getByRole('button', { name: 'Stop', exact: true });
    if (await stop.count()) await expect(stop).toBeDisabled();
    const containerId = ps(agent.socket).find((c) => c.name === 'e2e-box')!.id;
    const api = await viewer.request.post(`/api/hosts/${hostId}/containers/${containerId}/stop`, {
      data: {},
      headers: { origin: stack.baseURL },
    });
    expect(api.status()).toBe(403);
    await shot(viewer, 'viewer-terminal-not-allowed');
    await ctx.close();
    expect(ps(agent.socket).find((c) => c.name === 'e2e-box')?.state).toBe('running');
  });

  await test.step('remove (a running container needs force, as with docker rm)', async () => {
    await page.getByRole('button', { name: 'Remove', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(
      page.getByTestId('toast').filter({ hasText: /running|stop|force/i }),
    ).toBeVisible();
    expect(ps(agent.socket).some((c) => c.name === 'e2e-box')).toBe(true);
    await page.getByRole('button', { name: 'Remove', exact: true }).click();
    await page.getByRole('dialog').getByLabel(/force/i).check();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove', exact: true }).click();
    await expect.poll(() => ps(agent.socket).some((c) => c.name === 'e2e-box')).toBe(false);
    await page.goto('/containers');
    await expect(page.getByTestId('container-row').filter({ hasText: 'e2e-box' })).toHaveCount(0);
  });
});

test('a second agent is a second host with its own containers; killing it shows it offline and the terminal says so', async ({
  page,
  stack,
  agents,
  shot,
}) => {
  test.setTimeout(180_000);
  await login(page, 'admin', stack.adminPassword);
  const first = await addHostWithAgent(page, agents, 'multi-1', {
    name: 'bmulti1',
    subnet: '10.231.2.0/24',
  });
  const second = await addHostWithAgent(page, agents, 'multi-2', {
    name: 'bmulti2',
    subnet: '10.231.3.0/24',
  });
  expect(first.hostId).not.toBe(second.hostId);

  berth(second.agent.socket, [
    'run',
    '-d',
    '--name',
    'only-on-2',
    stack.images.base,
    'sleep',
    '3600',
  ]);
  await page.goto('/containers');
  const row = page.getByTestId('container-row').filter({ hasText: 'only-on-2' });
  await expect(row).toHaveAttribute('data-state', 'running');
  await expect(row).toContainText('multi-2');
  expect(ps(first.agent.socket).some((c) => c.name === 'only-on-2')).toBe(false);
  await shot(page, 'containers-two-hosts');

  await row.getByRole('link', { name: 'only-on-2' }).click();
  await page.getByRole('tab', { name: 'Terminal' }).click();
  await expect(page.getByTestId('terminal-state')).toHaveText('connected');

  second.agent.crash();
  await expect(page.getByTestId('terminal-state')).toHaveText(/connection lost/i, {
    timeout: 30_000,
  });
  await shot(page, 'terminal-connection-lost');
  await page.goto('/hosts');
  await expect(page.getByTestId('host-row').filter({ hasText: 'multi-2' })).toContainText(
    'offline',
  );
  await expect(page.getByTestId('host-row').filter({ hasText: 'multi-1' })).toContainText('online');

  // The container outlived its agent; the agent comes back and adopts it.
  second.agent.restart();
  await expect(page.getByTestId('host-row').filter({ hasText: 'multi-2' })).toContainText(
    'online',
    { timeout: 30_000 },
  );
  await expect
    .poll(() => ps(second.agent.socket).find((c) => c.name === 'only-on-2')?.state)
    .toBe('running');
});
