import { test, expect, login } from '../support/fixtures.js';
import { addHostWithAgent } from '../support/hosts.js';
import { berth, ps } from '../support/berth-cli.js';

/**
 * No dead end on a new host (issue 12, bug 2): creating a container from an image the host
 * does not have pulls it first, with per-layer progress in the create form, then creates and
 * starts it (as `docker run` does); the images page honours `?pull=REF`.
 */
test('create on a fresh host pulls the missing image with progress, then runs it; Duplicate/Edit replaces it; ?pull= opens the pull dialog', async ({
  page,
  stack,
  agents,
}) => {
  test.setTimeout(180_000);
  await login(page, 'admin', stack.adminPassword);
  const { hostId, agent } = await addHostWithAgent(page, agents, 'fresh-1', {
    name: 'bfresh1',
    subnet: '10.233.4.0/24',
  });
  expect(berth(agent.socket, ['images', '-q']).trim()).toBe('');

  await page.goto(`/containers/new?host=${hostId}`);
  await page.getByLabel('Image').fill(stack.images.web);
  await expect(page.getByTestId('image-hint')).toContainText('pulled when you create');
  await page.getByLabel('Name', { exact: true }).fill('first-web');
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(page.getByTestId('create-pull-status')).toContainText(
    `${stack.images.web}: not on this host yet`,
  );
  await expect(page.getByTestId('layer-progress')).toHaveCount(2);
  await expect(page.getByTestId('container-name')).toHaveText('first-web', { timeout: 60_000 });
  await expect(page.getByTestId('container-state')).toHaveText('running');
  expect(ps(agent.socket).find((c) => c.name === 'first-web')?.state).toBe('running');
  expect(berth(agent.socket, ['images', '--format', 'json'])).toContain('busybox-web');

  // Duplicate/Edit (issue 12, item 13): the form opens with its settings; a changed variable is
  // previewed, then Replace recreates it under its name and its page shows the new setting.
  const oldId = ps(agent.socket).find((c) => c.name === 'first-web')!.id;
  await page.getByRole('link', { name: 'Duplicate/Edit' }).click();
  await expect(page.getByLabel('Image')).toHaveValue(stack.images.web);
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('first-web');
  await page.getByRole('button', { name: 'Add variable' }).click();
  await page.getByLabel('Variable 1 name').fill('GREETING');
  await page.getByLabel('Variable 1 value').fill('bye');
  await page.getByRole('button', { name: 'Replace…' }).click();
  const preview = page.getByRole('dialog');
  await expect(preview.getByTestId('replace-changes')).toContainText('Environment GREETING');
  await expect(preview.getByTestId('replace-changes')).toContainText('bye');
  await preview.getByRole('button', { name: 'Replace', exact: true }).click();
  await expect(page.getByTestId('env-list')).toContainText('GREETING=bye', { timeout: 60_000 });
  await expect(page.getByTestId('container-name')).toHaveText('first-web');
  await expect(page.getByTestId('container-state')).toHaveText('running');
  const now = ps(agent.socket).filter((c) => c.name === 'first-web');
  expect(now.length).toBe(1);
  expect(now[0]!.id).not.toBe(oldId);

  // The images page opens its pull dialog with ?pull=, filled in.
  await page.goto(`/hosts/${hostId}/images?pull=${encodeURIComponent(stack.images.base)}`);
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByLabel('Image reference')).toHaveValue(stack.images.base);
  await dialog.getByRole('button', { name: 'Pull', exact: true }).click();
  await expect(dialog.getByRole('status')).toContainText('Pulled');
  await expect(page.getByTestId('image-row')).toHaveCount(2);
});
