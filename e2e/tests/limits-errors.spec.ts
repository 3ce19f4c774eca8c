import { existsSync, readFileSync } from 'node:fs';
import { test, expect, login } from '../support/fixtures.js';
import { addHostWithAgent } from '../support/hosts.js';
import { berth } from '../support/berth-cli.js';

/**
 * Limits that can be removed (issue 12, bug 7) and errors in people's words (bug 8): CPU and PIDs
 * limits cleared in the Limits tab reach the container's cgroup as "no limit"; a memory limit
 * below what the container uses is refused in words, the runtime's output one click away; an
 * image in use names the container that uses it.
 */

/** What the kernel enforces on a container, read on the host through its init's pid. */
interface CgroupLimits {
  memoryUsage: number;
  /** null: no limit ("max") */
  pidsMax: number | null;
  /** CPU quota in µs per period; null: no limit */
  cpuQuota: number | null;
}

/** cgroup v2 (one unified hierarchy, the `0::` line) or v1 (a hierarchy per controller). */
function cgroupLimits(pid: number): CgroupLimits {
  const lines = readFileSync(`/proc/${pid}/cgroup`, 'utf8').trim().split('\n');
  const num = (v: string) => (v === 'max' || v === '-1' ? null : Number(v));
  if (existsSync('/sys/fs/cgroup/cgroup.controllers')) {
    const path = lines.find((l) => l.startsWith('0::'))?.slice(3);
    if (path === undefined) throw new Error(`no unified cgroup for pid ${pid}`);
    const read = (f: string) => readFileSync(`/sys/fs/cgroup${path}/${f}`, 'utf8').trim();
    return {
      memoryUsage: Number(read('memory.current')),
      pidsMax: num(read('pids.max')),
      cpuQuota: num(read('cpu.max').split(' ')[0] ?? 'max'),
    };
  }
  const read = (controller: string, f: string) => {
    const line = lines.find((l) => l.split(':')[1]?.split(',').includes(controller));
    if (!line) throw new Error(`no ${controller} cgroup for pid ${pid}`);
    const [, controllers, path] = line.split(':');
    return readFileSync(`/sys/fs/cgroup/${controllers}${path}/${f}`, 'utf8').trim();
  };
  return {
    memoryUsage: Number(read('memory', 'memory.usage_in_bytes')),
    pidsMax: num(read('pids', 'pids.max')),
    cpuQuota: num(read('cpu', 'cpu.cfs_quota_us')),
  };
}

test('CPU and PIDs limits are removed by emptying them; a memory limit below usage and an image in use are refused in words', async ({
  page,
  stack,
  agents,
}) => {
  test.setTimeout(180_000);
  await login(page, 'admin', stack.adminPassword);
  const { hostId, agent } = await addHostWithAgent(page, agents, 'limits-1', {
    name: 'blimits1',
    subnet: '10.233.6.0/24',
  });
  // It holds ~24 MiB of its own memory (a shell variable), which a lower limit cannot take away
  // (the loop keeps the shell: a last command alone would replace it).
  berth(agent.socket, [
    'run',
    '-d',
    '--name',
    'hog',
    '--memory',
    '96m',
    '--cpus',
    '0.5',
    '--pids-limit',
    '50',
    stack.images.base,
    'sh',
    '-c',
    'x=$(yes abcdefgh | head -c 25000000); while true; do sleep 3600; done',
  ]);
  const inspect = () =>
    JSON.parse(berth(agent.socket, ['inspect', 'hog']))[0] as {
      id: string;
      pid: number;
      limits: { memory: number | null; cpus: number | null; pidsLimit: number | null };
    };
  const { id, pid } = inspect();
  await expect.poll(() => cgroupLimits(pid).memoryUsage).toBeGreaterThan(16 * 1024 * 1024);
  expect(cgroupLimits(pid)).toMatchObject({ pidsMax: 50, cpuQuota: 50000 });
  await page.goto(`/containers/${hostId}/${id}`);
  await page.getByRole('tab', { name: 'Limits' }).click();

  await test.step('emptying CPUs and PIDs removes those limits, down to the cgroup', async () => {
    await expect(page.getByLabel('PIDs limit')).toHaveValue('50');
    await page.getByLabel('CPUs').fill('');
    await page.getByLabel('PIDs limit').fill('');
    await page.getByRole('button', { name: 'Save limits' }).click();
    await expect.poll(() => inspect().limits.pidsLimit).toBeNull();
    expect(inspect().limits.cpus).toBeNull();
    expect(inspect().limits.memory).toBe(96 * 1024 * 1024);
    expect(cgroupLimits(pid)).toMatchObject({ pidsMax: null, cpuQuota: null });
    await expect(page.getByLabel('CPUs')).toHaveValue('');
    await expect(page.getByLabel('PIDs limit')).toHaveValue('');
  });

  await test.step('a memory limit below what it uses: refused in words, the runtime output behind Details', async () => {
    await page.getByLabel('Memory limit').fill('8m');
    await page.getByRole('button', { name: 'Save limits' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'memory limit' });
    await expect(alert).toContainText(/The memory limit 8 MiB is below what hog uses now/);
    await expect(alert).not.toContainText('runc');
    await expect(page.getByTestId('toast')).toHaveCount(0);
    await alert.getByRole('button', { name: 'Details' }).click();
    await expect(alert.getByTestId('error-detail')).toContainText('unable to set memory limit');
    expect(inspect().limits.memory).toBe(96 * 1024 * 1024);
  });

  await test.step('removing an image in use names the container using it', async () => {
    await page.goto(`/hosts/${hostId}/images`);
    const row = page.getByTestId('image-row').filter({ hasText: 'busybox:1' });
    await row.getByRole('button', { name: 'Remove' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    await expect(page.getByTestId('toast')).toContainText(/in use by container hog/);
    await expect(page.getByTestId('toast')).not.toContainText('sha256:');
  });
});
