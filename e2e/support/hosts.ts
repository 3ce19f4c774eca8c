import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { parseJoinCommand, type JoinCommand, type RunningAgent } from './agent.js';

/**
 * Adds a host in the UI, runs the command it shows (plus its own bridge so agents sharing this
 * machine do not share IP allocations) and waits for it to come online. Returns its id.
 */
export async function addHostWithAgent(
  page: Page,
  agents: { start(cmd: JoinCommand): RunningAgent },
  name: string,
  bridge: { name: string; subnet: string },
  /** More agent flags (e.g. its own `--default-address-pool` for compose networks). */
  extraArgs: string[] = [],
): Promise<{ hostId: string; agent: RunningAgent }> {
  await page.goto('/hosts');
  await page.getByRole('button', { name: 'Add host' }).click();
  await page.getByLabel('Name').fill(name);
  await page
    .getByRole('button', { name: /create|add/i })
    .last()
    .click();
  const command = (await page.getByTestId('join-command').textContent())?.trim() ?? '';
  await page.keyboard.press('Escape');
  const join = parseJoinCommand(command);
  const agent = agents.start({
    env: join.env,
    args: [...join.args, '--bridge', bridge.name, '--bridge-subnet', bridge.subnet, ...extraArgs],
  });
  const row = page.getByTestId('host-row').filter({ hasText: name });
  await expect(row).toContainText('online', { timeout: 30_000 });
  const href = await row.getByRole('link', { name }).getAttribute('href');
  const hostId = href?.split('/').pop();
  if (!hostId) throw new Error(`no host link for ${name}`);
  return { hostId, agent };
}
