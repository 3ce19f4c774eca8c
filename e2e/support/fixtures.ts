import { test as base, expect, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { readStack, type StackState } from './stack.js';
import { screenshotDir } from './paths.js';
import { startAgent, type RunningAgent } from './agent.js';
import { removeAllContainers } from './berth-cli.js';

export { expect };

interface Fixtures {
  stack: StackState;
  /** Starts agents for this test; every one is stopped (by PID) when the test ends. */
  agents: { start(args: string[]): RunningAgent };
  shot(page: Page, name: string): Promise<void>;
}

export const test = base.extend<Fixtures>({
  stack: async ({}, use) => {
    await use(readStack());
  },
  baseURL: async ({ stack }, use) => {
    await use(stack.baseURL);
  },
  agents: async ({ stack }, use) => {
    const started: RunningAgent[] = [];
    await use({
      start(args) {
        const agent = startAgent(args, mkdtempSync(join(stack.tmp, 'agent-')));
        started.push(agent);
        return agent;
      },
    });
    // Containers outlive a stopped agent by design: remove them first, through the agent.
    for (const a of started) if (a.alive()) removeAllContainers(a.socket);
    await Promise.all(started.map((a) => a.stop()));
  },
  shot: async ({}, use) => {
    mkdirSync(screenshotDir, { recursive: true });
    await use(async (page, name) => {
      await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
    });
  },
});

export async function login(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/\/login/);
}
