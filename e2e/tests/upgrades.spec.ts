import { io, type Socket } from 'socket.io-client';
import { test, expect, login } from '../support/fixtures.js';

/**
 * The dashboard's side of agent versions: an agent too old for this web (a scripted one on the
 * real /agent namespace, speaking protocol 0) shows as "needs upgrade" in the hosts list with
 * the reason on hover; an admin upgrades it from its page, the agent receives the served
 * bundle's path and sha256, and its report shows on the page. (A real upgrade of an installed
 * agent: apps/web/test/agent-upgrade.test.ts.)
 */
const sockets: Socket[] = [];
test.afterAll(() => {
  for (const s of sockets) s.close();
});

test('an agent too old shows as needs upgrade; an admin upgrades it and sees the outcome', async ({
  page,
  stack,
  shot,
}) => {
  await login(page, 'admin', stack.adminPassword);
  const name = `e2e-old-${Date.now().toString(36)}`;
  const created = await page.request.post('/api/hosts', {
    data: { name },
    headers: { origin: stack.baseURL },
  });
  expect(created.status()).toBe(201);
  const { joinToken } = (await created.json()) as { joinToken: string };
  const facts = {
    hostname: 'old-box',
    kernel: '6.1.0',
    os: 'Debian GNU/Linux 12',
    arch: 'x64',
    cgroupVersion: 1,
    cpus: 2,
    memoryBytes: 4 * 1024 ** 3,
    runtimes: { runc: '1.1.5', crun: null, conmon: '2.1.6' },
    agentVersion: '0.0.9',
    protocolVersion: 0,
  };
  const enrolled = await fetch(`${stack.baseURL}/api/agent/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ joinToken, facts }),
  });
  const cred = (await enrolled.json()) as { hostId: string; credential: string };
  const agent = io(`${stack.baseURL}/agent`, {
    transports: ['websocket'],
    reconnection: false,
    auth: {
      hostId: cred.hostId,
      credential: cred.credential,
      agentVersion: '0.0.9',
      protocolVersion: 0,
    },
  });
  sockets.push(agent);
  await new Promise<void>((resolve) => agent.once('server.welcome', () => resolve()));
  agent.emit('agent.hello', { facts });
  let asked: { method: string; params: { version: string; path: string; sha256: string } } | null =
    null;
  agent.on('rpc', (req: NonNullable<typeof asked>, ack: (r: unknown) => void) => {
    asked = req;
    ack({ ok: true, result: { fromVersion: '0.0.9', toVersion: req.params.version } });
    // the "new release" connects and reports
    setTimeout(
      () =>
        agent.emit('agent.upgrade.result', {
          ok: true,
          fromVersion: '0.0.9',
          toVersion: req.params.version,
          reason: null,
        }),
      500,
    );
  });

  await page.goto('/hosts');
  const row = page.getByTestId('host-row').filter({ hasText: name });
  await expect(row).toContainText('online');
  const note = row.getByTestId('agent-note');
  await expect(note).toHaveText('needs upgrade');
  await expect(note).toHaveAttribute('title', /speaks protocol 0; this web.* needs protocol 1/);
  await shot(page, 'host-needs-upgrade');

  await row.getByRole('link', { name }).click();
  const upgrade = page.getByRole('button', { name: /^Upgrade agent to / });
  await expect(upgrade).toBeVisible();
  const version = ((await upgrade.textContent()) ?? '').replace('Upgrade agent to ', '').trim();
  await upgrade.click();
  await page.getByRole('dialog').getByRole('button', { name: 'Upgrade', exact: true }).click();
  await expect(page.getByTestId('host-upgrade')).toHaveText(`upgraded 0.0.9 → ${version}`);
  expect(asked).toMatchObject({
    method: 'agent.upgrade',
    params: { version, path: expect.stringMatching(/^\/downloads\/berth-agent-/) },
  });
  await shot(page, 'host-upgraded');
});
