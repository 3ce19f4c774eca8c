import { test as base, expect, request, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { readStack, type StackState } from './stack.js';
import { screenshotDir } from './paths.js';
import { startAgent, type JoinCommand, type RunningAgent } from './agent.js';
import { answers, removeAllContainers } from './berth-cli.js';

export { expect };

interface Fixtures {
  stack: StackState;
  /** Starts agents for this test; every one is stopped (by PID) when the test ends. */
  agents: { start(cmd: JoinCommand): RunningAgent };
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
      start(cmd) {
        const agent = startAgent(cmd, mkdtempSync(join(stack.tmp, 'agent-')));
        started.push(agent);
        return agent;
      },
    });
    // Containers outlive a stopped agent by design: remove them first, through the agent. One a
    // test crashed or revoked comes back without a web, so its containers (mounts, netns,
    // iptables rules) do not outlive the test either.
    for (const a of started) {
      if (!a.alive()) {
        a.restartLocal();
        if (!(await answers(a.socket))) continue;
      }
      removeAllContainers(a.socket);
    }
    await Promise.all(started.map((a) => a.stop()));
    // An agent that died on its own (a native abort, a segfault) fails the test even when every
    // step before passed: its containers and terminals died with it.
    const died = started.flatMap((a) => a.deaths());
    expect(died.length, died.join('\n\n')).toBe(0);
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

/**
 * A user an admin created must change the given password first: every page leads to /account
 * until then. Changes it there, in the UI.
 */
export async function changeInitialPassword(
  page: Page,
  current: string,
  next: string,
): Promise<void> {
  await expect(page).toHaveURL(/\/account$/);
  await page.getByLabel('Current password').fill(current);
  await page.getByLabel('New password', { exact: true }).fill(next);
  await page.getByLabel('Confirm new password').fill(next);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Password changed' })).toBeVisible();
}

/** Creates a user through the API as the signed-in admin of `admin`, ready to sign in with `password`. */
export async function createReadyUser(
  admin: Page,
  baseURL: string,
  user: { username: string; password: string; role: 'admin' | 'operator' | 'viewer' },
): Promise<string> {
  const initial = `${user.password}-initial`;
  const res = await admin.request.post('/api/users', {
    data: { ...user, password: initial },
    headers: { origin: baseURL },
  });
  expect(res.ok()).toBe(true);
  const { user: created } = (await res.json()) as { user: { id: string } };
  const ctx = await request.newContext({ baseURL });
  try {
    const signedIn = await ctx.post('/api/auth/login', {
      data: { username: user.username, password: initial },
      headers: { origin: baseURL },
    });
    expect(signedIn.ok()).toBe(true);
    const changed = await ctx.post('/api/auth/password', {
      data: { currentPassword: initial, newPassword: user.password },
      headers: { origin: baseURL },
    });
    expect(changed.ok()).toBe(true);
  } finally {
    await ctx.dispose();
  }
  return created.id;
}
