import { test, expect, login } from '../support/fixtures.js';
import { addHostWithAgent } from '../support/hosts.js';
import { berth, ps } from '../support/berth-cli.js';

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
    subnet: '10.232.1.0/24',
  });
  berth(agent.socket, [
    'run',
    '-d',
    '--name',
    'stubborn',
    '--stop-timeout',
    '8',
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

  // Only the agent's answer turns it into exited.
  await expect(page.getByTestId('container-state')).toHaveText('exited', { timeout: 40_000 });
  expect(ps(agent.socket).find((c) => c.name === 'stubborn')?.state).toBe('exited');
  await expect(row.getByTestId('container-state')).toHaveText('exited');
  await expect(page.getByRole('button', { name: 'Start', exact: true })).toBeEnabled();
  await ctx.close();
});
