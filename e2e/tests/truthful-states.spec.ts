import { test, expect, login } from '../support/fixtures.js';
import { addHostWithAgent } from '../support/hosts.js';
import { berth, ps } from '../support/berth-cli.js';
import type { Page } from '@playwright/test';

/** The overview's "Unknown (host offline)" count; 0 when the tile is not shown. */
async function unknownTile(page: Page): Promise<number> {
  const tile = page.getByLabel(/^Unknown \(host offline\): \d+$/);
  if ((await tile.count()) === 0) return 0;
  return Number((await tile.getAttribute('aria-label'))?.split(': ')[1]);
}

/**
 * States that tell the truth (issue 12, bug 1): a stop shows "stopping…" until the agent has
 * reported the exit — in every browser and after a reload — and offers no Start meanwhile.
 * A shell as PID 1 ignores SIGTERM, so the stop waits its whole timeout before SIGKILL.
 */
test('stop shows "stopping…" until the agent reports the exit, everywhere, and offers no Start meanwhile', async ({
  page,
  browser,
  stack,
  agents,
}) => {
  test.setTimeout(180_000);
  await login(page, 'admin', stack.adminPassword);
  const { hostId, agent } = await addHostWithAgent(page, agents, 'truth-1', {
    name: 'btruth1',
    subnet: '10.233.1.0/24',
  });
  berth(agent.socket, [
    'run',
    '-d',
    '--name',
    'stubborn',
    '--stop-timeout',
    // long enough that no load makes the stop end by itself while the page is checked
    '300',
    stack.images.base,
    'sh',
    '-c',
    'while true; do sleep 1; done',
  ]);
  const engineId = ps(agent.socket).find((c) => c.name === 'stubborn')!.id;
  const url = `/containers/${hostId}/${engineId}`;
  await page.goto(url);
  await expect(page.getByTestId('container-state')).toHaveText('running');

  // A second browser watches the list.
  const ctx = await browser.newContext({ baseURL: stack.baseURL });
  const list = await ctx.newPage();
  await login(list, 'admin', stack.adminPassword);
  await list.goto('/containers');
  const row = list.getByTestId('container-row').filter({ hasText: 'stubborn' });
  await expect(row.getByTestId('container-state')).toHaveText('running');

  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Stop', exact: true }).click();

  await expect(page.getByTestId('container-state')).toHaveText('stopping…');
  // The shell ignores SIGTERM: the agent still has it running, and so does every page.
  expect(ps(agent.socket).find((c) => c.name === 'stubborn')?.state).toBe('running');
  await expect(page.getByRole('button', { name: 'Start', exact: true })).toHaveCount(0);
  await expect(row.getByTestId('container-state')).toHaveText('stopping…');
  await expect(row).toHaveAttribute('data-state', 'running');
  await expect(row.getByRole('button', { name: 'Start stubborn' })).toHaveCount(0);
  // A reload asks the server, which knows the stop is under way.
  await list.reload();
  await expect(row.getByTestId('container-state')).toHaveText('stopping…');
  expect(ps(agent.socket).find((c) => c.name === 'stubborn')?.state).toBe('running');

  // Only the agent's answer turns it into exited: the process ends (killed from the host, as the
  // stop's own SIGKILL would at the timeout) and the agent reports it.
  const { pid } = JSON.parse(berth(agent.socket, ['inspect', 'stubborn']))[0] as { pid: number };
  process.kill(pid, 'SIGKILL');
  await expect(page.getByTestId('container-state')).toHaveText('exited', { timeout: 40_000 });
  expect(ps(agent.socket).find((c) => c.name === 'stubborn')?.state).toBe('exited');
  await expect(row.getByTestId('container-state')).toHaveText('exited');
  await expect(page.getByRole('button', { name: 'Start', exact: true })).toBeEnabled();
  await ctx.close();
});

/**
 * Bugs 4, 5 and 6: a bulk action reports every failed item (which, and why) and rows show the
 * agent's truth; a host that goes away leaves its containers "unknown — host offline since …"
 * with actions disabled and the reason by name, outside "select all" and the totals; an admin
 * removes it after confirmation and nothing of it is left.
 */
test('bulk failures are reported item by item; an offline host’s containers are unknown; removing the host leaves nothing', async ({
  page,
  stack,
  agents,
}) => {
  test.setTimeout(240_000);
  await login(page, 'admin', stack.adminPassword);
  const near = await addHostWithAgent(page, agents, 'near-1', {
    name: 'btruth2',
    subnet: '10.233.2.0/24',
  });
  const far = await addHostWithAgent(page, agents, 'far-2', {
    name: 'btruth3',
    subnet: '10.233.3.0/24',
  });
  // No network for the containers the page starts: a new veth on this machine makes Chromium
  // abort the requests in flight (net::ERR_NETWORK_CHANGED), which a browser elsewhere never sees.
  const none = ['--network', 'none'];
  berth(near.agent.socket, [
    'create',
    ...none,
    '--name',
    'fine',
    stack.images.base,
    'sleep',
    '3600',
  ]);
  berth(near.agent.socket, ['create', ...none, '--name', 'broken', stack.images.base, '/no/such']);
  berth(far.agent.socket, ['run', '-d', '--name', 'faraway', stack.images.base, 'sleep', '3600']);
  let unknownBefore = 0;

  await test.step('a bulk start reports the item that failed, by name, host and reason', async () => {
    await page.goto('/containers');
    const rowOf = (name: string) => page.getByTestId('container-row').filter({ hasText: name });
    await expect(rowOf('faraway')).toHaveAttribute('data-state', 'running');
    await page.getByLabel('Select fine').check();
    await page.getByLabel('Select broken').check();
    await page.getByRole('button', { name: 'Start selected', exact: true }).click();
    const report = page.getByTestId('bulk-report');
    await expect(report).toContainText('Start: 1 of 2 done, 1 failed');
    await expect(report.getByTestId('bulk-failure')).toHaveCount(1);
    await expect(report.getByTestId('bulk-failure')).toContainText('broken on near-1');
    await expect(rowOf('fine')).toHaveAttribute('data-state', 'running');
    // The row shows what the agent says, not what was asked.
    const brokenState = ps(near.agent.socket).find((c) => c.name === 'broken')?.state;
    expect(brokenState).not.toBe('running');
    await expect(rowOf('broken')).toHaveAttribute('data-state', brokenState!);
    await expect(rowOf('broken')).not.toHaveAttribute('data-transition', /.+/);
  });

  await test.step('a host that goes away: its containers are unknown, not selectable, actions off with the reason by name', async () => {
    far.agent.crash();
    const row = page.getByTestId('container-row').filter({ hasText: 'faraway' });
    await expect(row.getByTestId('container-state')).toHaveText('unknown', { timeout: 30_000 });
    await expect(row.getByTestId('container-status')).toContainText('unknown — host offline since');
    await expect(row.getByLabel('Select faraway')).toBeDisabled();
    await expect(row.getByRole('button', { name: 'Stop faraway' })).toHaveCount(0);
    await page.getByLabel('Select all shown').check();
    const nearCount = ps(near.agent.socket).length;
    await expect(page.getByRole('toolbar', { name: 'Bulk actions' })).toContainText(
      `${nearCount} selected`,
    );
    await page.getByRole('button', { name: 'Clear' }).click();

    await row.getByRole('link', { name: 'faraway' }).click();
    await expect(page.getByTestId('container-name')).toHaveText('faraway');
    await expect(page.getByTestId('container-state')).toHaveText('unknown');
    await expect(page.getByRole('button', { name: 'Stop', exact: true })).toBeDisabled();
    await expect(page.getByTestId('actions-blocked')).toContainText('host far-2 is offline');
    await expect(page.getByText(far.hostId)).toHaveCount(0);

    await page.goto('/');
    // (Hosts of earlier tests in this run may be offline too: count only this one's part.)
    await expect(page.getByLabel(/^Unknown \(host offline\): [1-9]/)).toBeVisible();
    unknownBefore = await unknownTile(page);
  });

  await test.step('an admin removes the host after confirming; nothing of it is left', async () => {
    await page.goto(`/hosts/${far.hostId}`);
    await page.getByRole('button', { name: 'Remove host' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('1 container');
    await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(page).toHaveURL(/\/hosts$/);
    await expect(page.getByTestId('host-row').filter({ hasText: 'far-2' })).toHaveCount(0);
    await expect(page.getByTestId('host-row').filter({ hasText: 'near-1' })).toHaveCount(1);
    await page.goto('/containers');
    await expect(page.getByTestId('container-row').filter({ hasText: 'fine' })).toHaveCount(1);
    await expect(page.getByTestId('container-row').filter({ hasText: 'faraway' })).toHaveCount(0);
    await page.goto('/');
    await expect.poll(() => unknownTile(page)).toBe(unknownBefore - 1);
    await page.goto(`/hosts/${far.hostId}`);
    await expect(page.getByText('Host not found')).toBeVisible();
  });

  // The crashed agent's container outlives it: bring the agent back so the fixture removes it.
  far.agent.restart();
  const listed = () => {
    try {
      return ps(far.agent.socket).length;
    } catch {
      return -1; // not listening yet
    }
  };
  await expect.poll(listed, { timeout: 30_000 }).toBe(1);
});
