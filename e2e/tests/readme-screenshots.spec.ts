import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, login } from '../support/fixtures.js';
import { addHostWithAgent } from '../support/hosts.js';
import { berth } from '../support/berth-cli.js';
import { repoRoot, screenshotDir } from '../support/paths.js';

/**
 * The README's screenshots: the overview, the containers list, a container page and its terminal
 * at 1440 px (a desktop) and 390 px (a phone), from a small fleet of real containers. They go to
 * docs/screenshots/ with `npm run screenshots -w @berth/e2e` (BERTH_SCREENSHOTS=docs); in a
 * normal run they go to test-results/ and the docs stay as they are.
 */
const outDir =
  process.env.BERTH_SCREENSHOTS === 'docs' ? join(repoRoot, 'docs', 'screenshots') : screenshotDir;

const widths = [
  { name: '1440', width: 1440, height: 900 },
  { name: '390', width: 390, height: 844 },
] as const;

test.beforeEach(async ({ context }) => {
  await context.addInitScript(() => window.localStorage.setItem('berth.terminal.renderer', 'dom'));
});

async function snap(page: Page, name: string) {
  mkdirSync(outDir, { recursive: true });
  // Nothing runs off the screen at either width.
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1),
  ).toBe(true);
  await page.screenshot({ path: join(outDir, `${name}.png`) });
}

test('README screenshots at 1440 and 390 px: overview, containers, a container page, its terminal', async ({
  page,
  stack,
  agents,
}) => {
  test.setTimeout(300_000);
  await login(page, 'admin', stack.adminPassword);
  const edge = await addHostWithAgent(page, agents, 'edge-1', {
    name: 'bshot1',
    subnet: '10.233.8.0/24',
  });
  const build = await addHostWithAgent(page, agents, 'build-2', {
    name: 'bshot2',
    subnet: '10.233.9.0/24',
  });
  const run = (socket: string, args: string[]) => berth(socket, ['run', '-d', ...args]);
  run(edge.agent.socket, [
    '--name',
    'web',
    '--memory',
    '64m',
    '-p',
    '127.0.0.1:18080:80',
    stack.images.web,
  ]);
  run(edge.agent.socket, ['--name', 'worker', '--cpus', '0.5', stack.images.base, 'sleep', '1d']);
  run(edge.agent.socket, ['--name', 'cache', stack.images.base, 'sleep', '1d']);
  run(build.agent.socket, ['--name', 'ci-runner', stack.images.base, 'sleep', '1d']);
  berth(build.agent.socket, ['run', '--name', 'migrate', stack.images.base, 'true']);
  berth(edge.agent.socket, ['pause', 'cache']);
  const webId = JSON.parse(berth(edge.agent.socket, ['inspect', 'web']))[0].id as string;

  for (const w of widths) {
    await page.setViewportSize({ width: w.width, height: w.height });

    await page.goto('/');
    await expect(page.getByLabel(/^Running: [1-9]/)).toBeVisible();
    // The live numbers: the newest summaries (sent every 10 s) fill "Top by CPU / memory".
    await expect(page.getByTestId('fleet-top-memory')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText('live', { exact: true })).toBeVisible();
    await snap(page, `overview-${w.name}`);

    await page.goto('/containers');
    await expect(
      page.getByTestId('container-row').filter({ hasText: 'ci-runner' }),
    ).toHaveAttribute('data-state', 'running');
    await snap(page, `containers-${w.name}`);

    await page.goto(`/containers/${edge.hostId}/${webId}`);
    await expect(page.getByTestId('container-state')).toHaveText('running');
    await snap(page, `container-${w.name}`);

    await page.getByRole('tab', { name: 'Terminal' }).click();
    await expect(page.getByTestId('terminal-state')).toHaveText('connected');
    await page.getByTestId('terminal').click();
    // A clean screen (the 390 px page comes back to the 1440 px page's shell, scrollback too).
    await page.keyboard.type('clear; uname -sr; ls /; echo; df -h / | tail -1');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('terminal')).toContainText('overlay');
    await snap(page, `terminal-${w.name}`);
  }
});
