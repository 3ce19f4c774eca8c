import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { freePort } from '@berth/testkit';
import { test, expect, login } from '../support/fixtures.js';
import { addHostWithAgent } from '../support/hosts.js';
import { berth } from '../support/berth-cli.js';

/** A three-service stack: web (published on 127.0.0.1), app, and db with a health check. */
function composeFile(images: { base: string; web: string }, port: number, mode: string): string {
  return `services:
  web:
    image: ${images.web}
    ports: ["127.0.0.1:${port}:80"]
    depends_on: [app]
  app:
    image: ${images.base}
    command: ["sh", "-c", "echo app $$MODE ready; while true; do sleep 5; done"]
    environment:
      MODE: ${mode}
    stop_grace_period: 1s
    depends_on:
      db: { condition: service_healthy }
  db:
    image: ${images.base}
    command: ["sh", "-c", "echo db ready > /data/state; cat /data/state; touch /tmp/ready; exec sleep 3600"]
    volumes: [dbdata:/data]
    stop_grace_period: 1s
    healthcheck:
      test: ["CMD-SHELL", "test -e /tmp/ready"]
      interval: 1s
      retries: 30
volumes:
  dbdata: {}
`;
}

/** Replaces the whole text of the CodeMirror editor as a person would (select all, type over). */
async function replaceEditorText(page: Page, text: string): Promise<void> {
  const editor = page.getByTestId('compose-editor').locator('.cm-content');
  await editor.click();
  await page.keyboard.press('Control+a');
  await page.keyboard.insertText(text);
}

/** The engine IDs of the stack's containers on the selected host, by service. */
async function containerIds(page: Page): Promise<Record<string, string>> {
  const rows = page.getByTestId('stack-service-row');
  const out: Record<string, string> = {};
  for (const row of await rows.all()) {
    const service = await row.getAttribute('data-service');
    const id = await row.getAttribute('data-engine-id');
    if (service && id) out[service] = id;
  }
  return out;
}

/** Waits until each service's phases are as expected in the deploy progress panel. */
async function expectDeployed(page: Page, hostName: string) {
  const progress = page.locator(`[data-testid="deploy-progress"][data-host="${hostName}"]`);
  await expect(progress).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  return progress;
}

test('a stack from the dashboard: deploy three services, healthy, reachable, edit one, combined logs, roll back, remove with volumes', async ({
  page,
  stack,
  agents,
  shot,
}) => {
  test.setTimeout(360_000);
  await login(page, 'admin', stack.adminPassword);
  const hostName = 'stacks-1';
  const { agent, hostId } = await addHostWithAgent(
    page,
    agents,
    hostName,
    { name: 'bstacks1', subnet: '10.231.9.0/24' },
    ['--default-address-pool', 'base=10.232.8.0/22,size=24'],
  );
  const port = await freePort();
  const project = 'shop';

  await test.step('a new stack: the editor marks schema errors inline', async () => {
    await page.goto('/stacks/new');
    await page.getByLabel('Stack name').fill(project);
    await page.getByRole('checkbox', { name: hostName }).check();
    await replaceEditorText(page, 'services:\n  web:\n    imgae: busybox\n');
    const editor = page.getByTestId('compose-editor');
    await expect(editor.locator('.cm-lintRange-error')).toHaveText('imgae');
    await expect(editor.locator('.cm-lint-marker-error')).toHaveCount(1);
  });

  await test.step('upload the compose file and deploy: per-service progress until db is healthy', async () => {
    await page.getByLabel('Upload compose file').setInputFiles({
      name: 'shop.yaml',
      mimeType: 'application/yaml',
      buffer: Buffer.from(composeFile(stack.images, port, 'v1')),
    });
    const editor = page.getByTestId('compose-editor');
    await expect(editor.locator('.cm-content')).toContainText('healthcheck');
    await expect(editor.locator('.cm-lintRange-error')).toHaveCount(0);
    await page.getByRole('button', { name: 'Deploy', exact: true }).click();
    const progress = await expectDeployed(page, hostName);
    const db = progress.locator('[data-testid="service-progress"][data-service="db"]');
    for (const phase of ['pull', 'create', 'start', 'healthy'])
      await expect(db.locator(`[data-phase="${phase}"]`)).toHaveAttribute('data-state', 'done');
    for (const service of ['web', 'app'])
      await expect(
        progress.locator(
          `[data-testid="service-progress"][data-service="${service}"] [data-phase="start"]`,
        ),
      ).toHaveAttribute('data-state', 'done');
    await page.getByRole('link', { name: `Open stack ${project}` }).click();
    await expect(page).toHaveURL(/\/stacks\/shop$/);
  });

  await test.step('the stack page: running and healthy; the web service answers on its port', async () => {
    const row = page.locator(`[data-testid="stack-matrix-row"][data-host="${hostName}"]`);
    await expect(row.getByTestId('stack-host-version')).toHaveText('v1');
    await expect(row.getByTestId('stack-host-status')).toHaveText('running');
    await expect(row.getByTestId('stack-host-health')).toHaveText('healthy');
    await expect(row).toHaveAttribute('data-drift', 'false');
    const dbRow = page.locator('[data-testid="stack-service-row"][data-service="db"]');
    await expect(dbRow.getByTestId('stack-container-state')).toHaveText('running');
    await expect(dbRow.getByTestId('container-health')).toHaveText('healthy');
    await expect(
      page
        .locator('[data-testid="stack-service-row"][data-service="web"]')
        .getByTestId('stack-container-ports'),
    ).toContainText(`127.0.0.1:${port}`);
    const res = await fetch(`http://127.0.0.1:${port}/`);
    expect(await res.text()).toContain('hello from berth');
  });

  const before = await containerIds(page);
  expect(Object.keys(before).sort()).toEqual(['app', 'db', 'web']);

  await test.step('edit app only: the preview says only app is recreated and nothing is pulled; redeploy does just that', async () => {
    await page.getByRole('button', { name: 'Edit and redeploy' }).click();
    const editor = page.getByTestId('compose-editor');
    await expect(editor.locator('.cm-content')).toContainText('MODE: v1');
    await replaceEditorText(page, composeFile(stack.images, port, 'v2'));
    await page.getByLabel('What changed (optional)').fill('app in mode v2');
    await page.getByRole('button', { name: 'Preview changes' }).click();
    const preview = page.getByTestId('stack-preview');
    await expect(
      preview.locator('[data-testid="preview-action"][data-service="app"]'),
    ).toHaveAttribute('data-kind', 'recreate');
    for (const service of ['web', 'db'])
      await expect(
        preview.locator(`[data-testid="preview-action"][data-service="${service}"]`),
      ).toHaveAttribute('data-kind', 'keep');
    // every image is on the host already: nothing to pull (nor credentials to need)
    await expect(preview.getByTestId('preview-pulls')).toHaveCount(0);
    await page.getByRole('button', { name: 'Deploy new version' }).click();
    await expectDeployed(page, hostName);
    const row = page.locator(`[data-testid="stack-matrix-row"][data-host="${hostName}"]`);
    await expect(row.getByTestId('stack-host-version')).toHaveText('v2');
    await expect
      .poll(async () => {
        const now = await containerIds(page);
        return [now.web === before.web, now.db === before.db, now.app !== before.app && !!now.app];
      })
      .toEqual([true, true, true]);
  });

  await test.step('the combined logs: every service, prefixed, the new app', async () => {
    const logs = page.getByTestId('stack-logs');
    const line = (service: string, text: string) =>
      logs
        .locator(`[data-testid="stack-log-line"][data-service="${service}"]`)
        .filter({ hasText: text })
        .first();
    await expect(line('app', 'app v2 ready')).toBeVisible();
    await expect(line('db', 'db ready')).toBeVisible();
    await expect(line('app', 'app v2 ready')).toContainText('app |');
    await expect(row(page, hostName)).toHaveAttribute('data-drift', 'false');
    await shot(page, 'stack-page');
  });

  await test.step('roll back to version 1: a new version with its file, app recreated again', async () => {
    await page.getByRole('button', { name: 'Roll back to version 1' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    await expectDeployed(page, hostName);
    await expect(row(page, hostName).getByTestId('stack-host-version')).toHaveText('v3');
    await expect(page.locator('[data-testid="stack-version-row"][data-version="3"]')).toContainText(
      'rollback to version 1',
    );
    await expect(
      page
        .getByTestId('stack-logs')
        .locator('[data-testid="stack-log-line"][data-service="app"]')
        .filter({ hasText: 'app v1 ready' })
        .first(),
    ).toBeVisible();
  });

  await test.step('the volumes page: the stack’s volume, who uses it, its files, a download', async () => {
    await page.goto(`/hosts/${hostId}/volumes`);
    const vol = page.locator(`[data-testid="volume-row"][data-volume="${project}_dbdata"]`);
    await expect(vol.getByTestId('volume-users')).toHaveText(`${project}-db-1`);
    await vol.getByRole('button', { name: `${project}_dbdata` }).click();
    const browser = page.getByTestId('volume-browser');
    const entry = browser.locator('[data-testid="volume-entry"][data-name="state"]');
    await expect(entry).toHaveAttribute('data-type', 'file');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      entry.getByRole('link', { name: 'state' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('state');
    const path = await download.path();
    expect(readFileSync(path, 'utf8')).toBe('db ready\n');
  });

  await test.step('create and remove a volume: a refused name keeps the dialog open with why', async () => {
    await page.getByRole('button', { name: 'Create volume' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('no spaces allowed');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect(dialog.getByRole('alert')).toContainText('invalid volume name');
    await expect(dialog.getByLabel('Name')).toHaveValue('no spaces allowed');
    expect(berth(agent.socket, ['volume', 'ls', '-q'])).not.toContain('no spaces');

    await dialog.getByLabel('Name').fill('e2e-scratch');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect(dialog).toBeHidden();
    const scratch = page.locator('[data-testid="volume-row"][data-volume="e2e-scratch"]');
    await expect(scratch.getByTestId('volume-users')).toHaveText('–');
    expect(berth(agent.socket, ['volume', 'ls', '-q']).split('\n')).toContain('e2e-scratch');

    await scratch.getByRole('button', { name: 'Remove' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    await expect(scratch).toHaveCount(0);
    expect(berth(agent.socket, ['volume', 'ls', '-q'])).not.toContain('e2e-scratch');
    await page.goto(`/stacks/${project}`);
  });

  await test.step('remove the stack with its volumes: nothing of it is left on the host', async () => {
    await page.getByRole('button', { name: 'Remove stack' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Also remove its volumes (their data is lost)').check();
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await expect(page).toHaveURL(/\/stacks$/, { timeout: 60_000 });
    await expect(page.locator(`[data-testid="stack-row"][data-stack="${project}"]`)).toHaveCount(0);
    expect(berth(agent.socket, ['ps', '-a', '-q']).trim()).toBe('');
    expect(berth(agent.socket, ['volume', 'ls', '-q'])).not.toContain(`${project}_dbdata`);
    expect(berth(agent.socket, ['network', 'ls'])).not.toContain(`${project}_default`);
  });
});

const row = (page: Page, hostName: string) =>
  page.locator(`[data-testid="stack-matrix-row"][data-host="${hostName}"]`);
