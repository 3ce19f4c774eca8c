import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { waitFor } from '@berth/testkit';
import { startRealFleet, type RealFleet } from './support/real-fleet.js';
import { startSmtpSink, startWebhookReceiver } from './support/sinks.js';
import { readyUser } from './support/http.js';
import { enrolledHost, fakeAgent, openSockets } from './support/fake-agent.js';

/**
 * Alerts end to end: a real agent's containers, rules evaluated on the web from the live streams,
 * notifications to a local webhook receiver (generic JSON and Slack shapes) and a local SMTP
 * server. A container killed from outside (SIGKILL to its PID) fires within 10 s, and resolves
 * when it runs again; a stop through Berth does not fire; a silence keeps notifications back.
 */
let fleet: RealFleet;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
const SECRET = 'a-webhook-signing-secret';

before(async () => {
  smtp = await startSmtpSink();
  hooks = await startWebhookReceiver();
  fleet = await startRealFleet({
    hostName: 'alerts-host',
    env: { BERTH_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, BERTH_SMTP_FROM: 'berth@alerts.test' },
  });
  const { admin } = fleet;
  const channel = async (body: Record<string, unknown>) => {
    const res = await admin.request('POST', '/api/alerts/channels', body);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return (res.body.channel as { id: string }).id;
  };
  const ids = [
    await channel({
      name: 'hook',
      type: 'webhook',
      config: { url: `${hooks.url}/generic`, secret: SECRET },
    }),
    await channel({ name: 'chat', type: 'slack', config: { url: `${hooks.url}/slack` } }),
    await channel({ name: 'ops mail', type: 'email', config: { to: ['ops@alerts.test'] } }),
  ];
  const rule = await admin.request('POST', '/api/alerts/rules', {
    name: 'shop died',
    kind: 'container_exited',
    scope: { hosts: [fleet.hostId], stacks: ['shop'] },
    channelIds: ids,
  });
  assert.equal(rule.status, 201, JSON.stringify(rule.body));
});

after(async () => {
  for (const s of openSockets) s.close();
  await fleet?.stop();
  await smtp?.stop();
  await hooks?.stop();
});

const shop = { labels: { 'com.docker.compose.project': 'shop' } };
const firingFor = (name: string, status = 'firing') =>
  hooks.hooks.filter(
    (h) =>
      h.path === '/generic' &&
      h.body.status === status &&
      (h.body.alert as { container: { name: string } | null }).container?.name === name,
  );
const mailsFor = (name: string, state: string) =>
  smtp.mails.filter(
    (m) => m.subject.includes(`[Berth ${state}]`) && m.subject.includes(`Container ${name} `),
  );

async function killFromOutside(name: string, id: string) {
  const { pid, state } = await fleet.inspect(id);
  assert.equal(state, 'running', `${name} should run`);
  assert.ok(pid);
  process.kill(pid, 'SIGKILL');
}

test('a container killed from outside fires a webhook and an e-mail within 10 s, and resolves when back', async () => {
  const id = await fleet.run('victim', shop);
  await killFromOutside('victim', id);
  const t0 = Date.now();
  const hook = await waitFor('the firing webhook', async () => firingFor('victim')[0], {
    timeoutMs: 10_000,
    intervalMs: 100,
  });
  const mail = await waitFor('the firing e-mail', async () => mailsFor('victim', 'FIRING')[0], {
    timeoutMs: Math.max(1, 10_000 - (Date.now() - t0)),
    intervalMs: 100,
  });
  console.log(`# firing webhook + e-mail ${Date.now() - t0} ms after the kill`);
  const alert = hook.body.alert as Record<string, unknown>;
  assert.equal(hook.body.version, 1);
  assert.deepEqual(alert.rule, {
    id: (alert.rule as { id: string }).id,
    name: 'shop died',
    kind: 'container_exited',
  });
  assert.deepEqual(alert.host, { id: fleet.hostId, name: 'alerts-host' });
  assert.deepEqual(alert.container, { id, name: 'victim', stack: 'shop' });
  assert.equal(alert.value, 137);
  assert.equal(alert.summary, 'Container victim on alerts-host exited unexpectedly (code 137)');
  assert.equal(
    hook.headers['x-berth-signature'],
    `sha256=${createHmac('sha256', SECRET).update(hook.raw).digest('hex')}`,
  );
  assert.deepEqual(mail.to, ['ops@alerts.test']);
  assert.equal(mail.from, 'berth@alerts.test');
  const slack = await waitFor('the Slack-shaped webhook', async () =>
    hooks.hooks.find((h) => h.path === '/slack' && String(h.body.text).includes('victim')),
  );
  assert.match(String(slack.body.text), /FIRING: shop died/);
  assert.ok(Array.isArray(slack.body.blocks));

  const started = await fleet.admin.request(
    'POST',
    `/api/hosts/${fleet.hostId}/containers/${id}/start`,
    {},
  );
  assert.equal(started.status, 200, JSON.stringify(started.body));
  const resolved = await waitFor(
    'the resolved webhook',
    async () => firingFor('victim', 'resolved')[0],
    { timeoutMs: 60_000 },
  );
  assert.equal((resolved.body.alert as { id: string }).id, alert.id);
  assert.ok((resolved.body.alert as { resolvedAt: string | null }).resolvedAt);
  await waitFor('the resolved e-mail', async () => mailsFor('victim', 'RESOLVED')[0], {
    timeoutMs: 60_000,
  });

  const history = await fleet.admin.request('GET', '/api/alerts?pageSize=50');
  const row = (
    history.body.alerts as {
      id: string;
      state: string;
      notifications: { channelName: string; event: string; outcome: string }[];
    }[]
  ).find((a) => a.id === alert.id);
  assert.equal(row?.state, 'resolved');
  await waitFor('every notification recorded', async () => {
    const again = await fleet.admin.request('GET', '/api/alerts?pageSize=50');
    const r = (
      again.body.alerts as {
        id: string;
        notifications: { channelName: string; event: string; outcome: string }[];
      }[]
    ).find((a) => a.id === alert.id)!;
    return r.notifications.length === 6 ? r : undefined;
  });
});

test('a stop through Berth does not fire; containers outside the rule’s stack do not either', async () => {
  const stopped = await fleet.run('stopped-on-purpose', shop);
  const outsider = await fleet.run('outsider', { labels: { 'com.docker.compose.project': 'crm' } });
  const marker = await fleet.run('marker', shop);
  const res = await fleet.admin.request(
    'POST',
    `/api/hosts/${fleet.hostId}/containers/${stopped}/stop`,
    { timeout: 1 },
  );
  assert.equal(res.status, 200, JSON.stringify(res.body));
  await killFromOutside('outsider', outsider);
  // Events of one host are handled in order: once the marker's alert is out, the stop and the
  // outsider's death were seen before it.
  await killFromOutside('marker', marker);
  await waitFor('the marker firing', async () => firingFor('marker')[0], { timeoutMs: 30_000 });
  assert.deepEqual(firingFor('stopped-on-purpose'), []);
  assert.deepEqual(firingFor('outsider'), []);
});

test('a silence keeps notifications back; the alert is still in the history', async () => {
  const quiet = await fleet.run('quiet', shop);
  const silence = await fleet.admin.request('POST', '/api/alerts/silences', {
    matchers: { container: 'quiet' },
    comment: 'maintenance',
    endsAt: new Date(Date.now() + 3_600_000).toISOString(),
  });
  assert.equal(silence.status, 201, JSON.stringify(silence.body));
  await killFromOutside('quiet', quiet);
  const row = await waitFor('the silenced alert in the history', async () => {
    const res = await fleet.admin.request('GET', '/api/alerts?state=firing&pageSize=50');
    const a = (
      res.body.alerts as {
        containerName: string;
        silenced: boolean;
        notifications: { outcome: string }[];
      }[]
    ).find((x) => x.containerName === 'quiet');
    return a && a.notifications.length === 3 ? a : undefined;
  });
  assert.equal(row.silenced, true);
  assert.deepEqual(
    row.notifications.map((n) => n.outcome),
    ['silenced', 'silenced', 'silenced'],
  );
  assert.deepEqual(firingFor('quiet'), []);
  assert.deepEqual(mailsFor('quiet', 'FIRING'), []);
});

test('rule management is for admins only and audited; bad rules are refused whole', async () => {
  const op = await readyUser(fleet.admin, 'alertop', 'alertop-password-1', 'operator');
  assert.equal((await op.request('GET', '/api/alerts')).status, 200, 'everyone reads the history');
  assert.equal((await op.request('GET', '/api/alerts/rules')).status, 403);
  assert.equal(
    (await op.request('POST', '/api/alerts/rules', { name: 'x', kind: 'host_offline' })).status,
    403,
  );
  const before = ((await fleet.admin.request('GET', '/api/alerts/rules')).body.rules as unknown[])
    .length;
  for (const bad of [
    { name: 'x', kind: 'nope' },
    { name: 'x', kind: 'cpu_high', params: { percent: -5 } },
    { name: 'x', kind: 'host_offline', params: { forSec: 10, extra: 1 } },
    { name: 'x', kind: 'container_exited', channelIds: ['no-such-channel'] },
    { name: 'shop died', kind: 'container_exited' },
  ]) {
    const res = await fleet.admin.request('POST', '/api/alerts/rules', bad);
    assert.ok([400, 409].includes(res.status), `${JSON.stringify(bad)} → ${res.status}`);
  }
  assert.equal(
    ((await fleet.admin.request('GET', '/api/alerts/rules')).body.rules as unknown[]).length,
    before,
  );
  const audit = await fleet.admin.request('GET', '/api/audit?action=alert.rule.create');
  const outcomes = (audit.body.events as { outcome: string }[]).map((e) => e.outcome);
  assert.ok(outcomes.includes('success') && outcomes.includes('failure'));
  const denied = await fleet.admin.request('GET', '/api/audit?action=alerts.manage&outcome=denied');
  assert.ok((denied.body.total as number) >= 1);
});

test('a host offline for N seconds fires; its agent coming back resolves', async () => {
  const { admin, web } = fleet;
  const cred = await enrolledHost(web, admin, 'flaky-host');
  const hook = await admin.request('POST', '/api/alerts/channels', {
    name: 'offline hook',
    type: 'webhook',
    config: { url: `${hooks.url}/offline` },
  });
  const rule = await admin.request('POST', '/api/alerts/rules', {
    name: 'flaky offline',
    kind: 'host_offline',
    params: { forSec: 2 },
    scope: { hosts: [cred.hostId] },
    channelIds: [(hook.body.channel as { id: string }).id],
  });
  assert.equal(rule.status, 201, JSON.stringify(rule.body));
  const agent = await fakeAgent(web, cred, () => ({}));
  agent.socket.close();
  const offline = (status: string) =>
    hooks.hooks.find((h) => h.path === '/offline' && h.body.status === status);
  const fired = await waitFor('the offline webhook', async () => offline('firing'), {
    timeoutMs: 30_000,
  });
  assert.equal(
    (fired.body.alert as { summary: string }).summary,
    'Host flaky-host is offline (for at least 2 s)',
  );
  await fakeAgent(web, cred, () => ({}));
  await waitFor('the back-online webhook', async () => offline('resolved'), { timeoutMs: 30_000 });
});
