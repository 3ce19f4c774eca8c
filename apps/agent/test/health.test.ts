import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import type { ContainerInspect, ContainerSummary } from '@berth/protocol';
import {
  berth,
  buildAgent,
  startAgent,
  tempRoots,
  type AgentProcess,
  type Roots,
} from './helpers/agent-process.js';
import { jsonLines } from './helpers/containers.js';
import {
  buildBusyboxImage,
  pushTestImage,
  startRegistry,
  waitFor,
  type TestRegistry,
} from '@berth/testkit';

// Health checks on real runc containers: probes are execs inside the container.
let roots: Roots;
let registry: TestRegistry;
let agent: AgentProcess;
let image: string;
let imageWithCheck: string;
const bridge = `bh${randomBytes(3).toString('hex')}`;
const agentArgs = [
  '--bridge',
  bridge,
  '--bridge-subnet',
  `10.${200 + randomInt(50)}.${randomInt(256)}.0/24`,
];

async function inspect(name: string): Promise<ContainerInspect> {
  const r = await berth(roots.socket, ['inspect', name]);
  assert.equal(r.code, 0, r.stderr);
  return (JSON.parse(r.stdout) as ContainerInspect[])[0]!;
}

const healthOf = async (name: string) => (await inspect(name)).health ?? null;

function waitForStatus(name: string, status: string) {
  return waitFor(`${name} to become ${status}`, async () => {
    const h = await healthOf(name);
    return h?.status === status ? h : undefined;
  });
}

/** Host processes whose command line contains `marker` (probes leave none behind). */
/** The host's processes whose command line is exactly `cmd` (not the `runc exec …` carrying it). */
function hostProcesses(cmd: string): string[] {
  return execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.trim() === cmd);
}

before(async () => {
  buildAgent();
  roots = await tempRoots();
  registry = await startRegistry();
  image = `${registry.host}/health/busybox:1`;
  imageWithCheck = `${registry.host}/health/checked:1`;
  await pushTestImage(image, await buildBusyboxImage());
  await pushTestImage(
    imageWithCheck,
    await buildBusyboxImage({
      config: {
        Healthcheck: { Test: ['CMD-SHELL', 'test -e /tmp/ready'], Interval: 200e6, Retries: 2 },
      },
    }),
  );
  agent = startAgent(roots, agentArgs);
  await agent.waitForLog(/API listening/);
  for (const ref of [image, imageWithCheck]) {
    const pull = await berth(roots.socket, ['pull', '-q', ref]);
    assert.equal(pull.code, 0, pull.stderr);
  }
});

after(async () => {
  const left = await berth(roots.socket, ['ps', '-a', '-q']).catch(() => null);
  for (const id of left?.stdout.split('\n').filter(Boolean) ?? [])
    await berth(roots.socket, ['rm', '-f', id]);
  await agent?.stop();
  await registry?.stop();
  await roots?.cleanup();
  try {
    execFileSync('ip', ['link', 'del', bridge], { stdio: 'ignore' });
  } catch {
    /* never created */
  }
});

const run = async (...args: string[]) => {
  const r = await berth(roots.socket, ['run', '-d', ...args]);
  assert.equal(r.code, 0, r.stderr);
};

test('a succeeding health command makes the container healthy; ps and inspect show it', async () => {
  await run(
    '--name',
    'ok',
    '--health-cmd',
    'echo fine',
    '--health-interval',
    '200ms',
    image,
    'sleep',
    '300',
  );
  const h = await waitForStatus('ok', 'healthy');
  assert.equal(h.failingStreak, 0);
  assert.equal(h.log.at(-1)?.exitCode, 0);
  assert.equal(h.log.at(-1)?.output, 'fine\n');
  const ins = await inspect('ok');
  assert.deepEqual(ins.config.healthcheck, { test: ['CMD-SHELL', 'echo fine'], interval: 200e6 });
  const ps = jsonLines<ContainerSummary & { status: string }>(
    (await berth(roots.socket, ['ps', '--format', 'json'])).stdout,
  );
  const row = ps.find((c) => c.name === 'ok');
  assert.equal(row?.health, 'healthy');
  assert.match(row?.status ?? '', /^Up .* \(healthy\)$/);
});

test('a failing one becomes unhealthy after retries consecutive failures', async () => {
  await run(
    '--name',
    'bad',
    '--health-cmd',
    'exit 3',
    '--health-interval',
    '200ms',
    '--health-retries',
    '2',
    image,
    'sleep',
    '300',
  );
  const h = await waitForStatus('bad', 'unhealthy');
  assert.ok(h.failingStreak >= 2, `streak ${h.failingStreak}`);
  assert.ok(h.log.every((e) => e.exitCode === 3));
});

test('failures inside the start period do not count', async () => {
  await run(
    '--name',
    'slow',
    '--health-cmd',
    'false',
    '--health-interval',
    '100ms',
    '--health-retries',
    '1',
    '--health-start-period',
    '1h',
    image,
    'sleep',
    '300',
  );
  const h = await waitFor('three probes', async () => {
    const x = await healthOf('slow');
    return x && x.log.length >= 3 ? x : undefined;
  });
  assert.equal(h.status, 'starting');
  assert.equal(h.failingStreak, 0);
});

test("the image's HEALTHCHECK runs, and --no-healthcheck disables it", async () => {
  await run('--name', 'img', imageWithCheck, 'sh', '-c', 'sleep 1; touch /tmp/ready; sleep 300');
  await waitForStatus('img', 'healthy');
  assert.deepEqual((await inspect('img')).config.healthcheck?.test, [
    'CMD-SHELL',
    'test -e /tmp/ready',
  ]);
  await run('--name', 'off', '--no-healthcheck', imageWithCheck, 'sleep', '300');
  const off = await inspect('off');
  assert.deepEqual(off.config.healthcheck?.test, ['NONE']);
  assert.equal(off.health, null);
});

test('a hanging health command is killed at the timeout and counts as a failure; remove leaves no probe', async () => {
  const marker = String(7000 + randomInt(2000));
  await run(
    '--name',
    'hang',
    '--health-cmd',
    `sleep ${marker}`,
    '--health-timeout',
    '300ms',
    '--health-interval',
    '100ms',
    '--health-retries',
    '2',
    image,
    'sleep',
    '300',
  );
  const h = await waitForStatus('hang', 'unhealthy');
  assert.ok(
    h.log.every((e) => e.exitCode === -1 && /exceeded timeout/.test(e.output)),
    JSON.stringify(h.log),
  );
  // killed probes do not pile up: at most the one in flight
  assert.ok(
    hostProcesses(`sleep ${marker}`).length <= 1,
    hostProcesses(`sleep ${marker}`).join('\n'),
  );
  assert.equal((await berth(roots.socket, ['rm', '-f', 'hang'])).code, 0);
  await waitFor(
    'no probe process left',
    async () => (hostProcesses(`sleep ${marker}`).length === 0 ? true : undefined),
    { timeoutMs: 5000 },
  );
});

test('stop ends the checks; start begins again from starting', async () => {
  await run(
    '--name',
    'cycle',
    '--health-cmd',
    'true',
    '--health-interval',
    '200ms',
    image,
    'sleep',
    '300',
  );
  await waitForStatus('cycle', 'healthy');
  assert.equal((await berth(roots.socket, ['stop', '-t', '0', 'cycle'])).code, 0);
  assert.equal(await healthOf('cycle'), null);
  assert.equal((await berth(roots.socket, ['start', 'cycle'])).code, 0);
  await waitForStatus('cycle', 'healthy');
});

test('the checks survive an agent restart', async () => {
  await run(
    '--name',
    'survivor',
    '--health-cmd',
    'true',
    '--health-interval',
    '200ms',
    image,
    'sleep',
    '300',
  );
  await waitForStatus('survivor', 'healthy');
  await agent.stop();
  agent = startAgent(roots, agentArgs);
  await agent.waitForLog(/API listening/);
  await waitForStatus('survivor', 'healthy');
});
