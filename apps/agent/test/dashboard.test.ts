import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import type { Socket } from 'socket.io';
import { parseRpcResponse, ProtocolError } from '@berth/protocol';
import type { RpcMethod, RpcParams } from '@berth/protocol';
import { buildAgent, startAgent, tempRoots } from './helpers/agent-process.js';
import type { AgentProcess, Roots } from './helpers/agent-process.js';
import { AgentEventLog } from './helpers/agent-events.js';
import { FakeWeb } from './helpers/fake-web.js';
import { buildBusyboxImage, pushTestImage, startRegistry } from '@berth/testkit';
import type { TestRegistry } from '@berth/testkit';

// The web's side of the dashboard protocol against the real agent binary, real runc/conmon
// containers and cgroups: inventory, actions, live stats, terminals with flow-control acks.

let roots: Roots;
let web: FakeWeb;
let registry: TestRegistry;
let agent: AgentProcess;
let socket: Socket;
let log: AgentEventLog;
let ref: string;
let id: string;
const output = new Map<string, string>();

function rpc<M extends RpcMethod>(method: M, params: RpcParams<M> | Record<string, unknown>) {
  return socket
    .timeout(30_000)
    .emitWithAck('rpc', { method, params })
    .then((raw: unknown) => parseRpcResponse(method, raw));
}

/** Plays the browser: collects terminal output per session and acks every frame. */
function attach(s: Socket): void {
  socket = s;
  s.on('terminal.data', (p: { sessionId: string; data: Buffer }) => {
    output.set(p.sessionId, (output.get(p.sessionId) ?? '') + p.data.toString('utf8'));
    s.emit('terminal.ack', { sessionId: p.sessionId, bytes: p.data.length });
  });
  log.attach(s);
}

async function waitOutput(sessionId: string, re: RegExp): Promise<string> {
  const matches = () => re.test(output.get(sessionId) ?? '');
  if (!matches()) await log.next('terminal.data', (p) => p.sessionId === sessionId && matches());
  return output.get(sessionId) ?? '';
}

/** Host PIDs of `sh` processes inside the container's cgroup (read from /proc). */
async function shellsIn(containerId: string): Promise<number[]> {
  const found: number[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const [cgroup, comm] = await Promise.all([
      readFile(`/proc/${name}/cgroup`, 'utf8').catch(() => ''),
      readFile(`/proc/${name}/comm`, 'utf8').catch(() => ''),
    ]);
    if (cgroup.includes(containerId) && comm.trim() === 'sh') found.push(Number(name));
  }
  return found;
}

/** Polls (≤ 10 s) until no shell is left in the container; returns what is left. */
async function shellsGone(containerId: string): Promise<number[]> {
  let shells = await shellsIn(containerId);
  for (let i = 0; i < 100 && shells.length > 0; i++) {
    await new Promise((r) => setTimeout(r, 100));
    shells = await shellsIn(containerId);
  }
  return shells;
}

function type(sessionId: string, text: string): void {
  output.set(sessionId, '');
  socket.emit('terminal.input', { sessionId, data: Buffer.from(text) });
}

before(async () => {
  buildAgent();
  roots = await tempRoots();
  registry = await startRegistry();
  ref = `${registry.host}/dash/busybox:1`;
  await pushTestImage(ref, await buildBusyboxImage());
  web = new FakeWeb();
  log = new AgentEventLog();
  const server = `http://127.0.0.1:${await web.listen()}`;
  const connected = web.nextConnection();
  agent = startAgent(roots, ['--server', server, '--join-token', web.issueToken()]);
  attach(await connected);
  await rpc('image.pull', { ref });
});

after(async () => {
  if (socket && id) await rpc('container.remove', { ref: id, force: true }).catch(() => undefined);
  await agent?.stop();
  await web?.close();
  await registry?.stop();
  await roots?.cleanup();
});

test('create + start by RPC: inventory.containers shows it running, container.event start', async () => {
  const running = log.next('inventory.containers', (p) =>
    p.containers.some((c) => c.name === 'dash1' && c.state === 'running'),
  );
  const created = await rpc('container.create', {
    image: ref,
    name: 'dash1',
    cmd: ['sh', '-c', 'echo hello-logs; exec sleep 3600'],
    network: 'none',
  });
  id = created.id;
  const started = log.next('container.event', (e) => e.id === id && e.type === 'start');
  const summary = await rpc('container.start', { ref: 'dash1' });
  assert.equal(summary.state, 'running');
  await started;
  await running;
  const list = await rpc('container.list', {});
  assert.deepEqual(
    list.containers.map((c) => [c.id, c.state]),
    [[id, 'running']],
  );
  assert.equal((await rpc('container.inspect', { ref: 'dash1' })).id, id);
});

test('container.logs returns the newest entries; top lists the processes', async () => {
  let logs = await rpc('container.logs', { ref: 'dash1', tail: 10 });
  for (let i = 0; i < 50 && logs.entries.length === 0; i++) {
    await new Promise((r) => setTimeout(r, 100));
    logs = await rpc('container.logs', { ref: 'dash1', tail: 10 });
  }
  assert.deepEqual(
    logs.entries.map((e) => [e.stream, e.text]),
    [['stdout', 'hello-logs']],
  );
  assert.equal(logs.truncated, false);
  assert.equal((await rpc('container.logs', { ref: 'dash1', tail: 0 })).truncated, true);
  const top = await rpc('container.top', { ref: 'dash1' });
  assert.ok(top.processes.some((p) => p.join(' ').includes('sleep')));
});

test('stats.subscribe → stats.batch with memory, CPU % and rates; history and host samples', async () => {
  const sub = await rpc('stats.subscribe', { containerIds: ['dash1', 'ghost'], host: true });
  assert.deepEqual(sub, { containerIds: [id], unknown: ['ghost'], host: true });
  const batch = await log.next('stats.batch', (b) =>
    b.samples.some((s) => s.containerId === id && s.cpu.percentOfHost !== null),
  );
  const sample = batch.samples.find((s) => s.containerId === id)!;
  assert.equal(sample.name, 'dash1');
  assert.ok(sample.memory.usage !== null && sample.memory.usage > 0);
  assert.ok(sample.cpu.percentOfHost! >= 0 && sample.cpu.percentOfHost! <= 100);
  assert.ok(!('cpuPercent' in sample), 'CPU % once, in cpu.percentOfHost');
  assert.equal(typeof sample.at, 'number');
  assert.ok(sample.rates.ioReadRate === null || sample.rates.ioReadRate >= 0);
  assert.ok(sample.rates.netRxRate === null || sample.rates.netRxRate >= 0);
  assert.ok(sample.pids.current !== null && sample.pids.current >= 1);
  assert.ok(batch.host && batch.host.memoryTotal !== null && batch.host.memoryTotal > 0);
  const history = await rpc('stats.history', { containerId: 'dash1' });
  assert.equal(history.intervalMs, 1000);
  assert.ok(history.points.length >= 2);
  assert.ok(history.points.every((p) => p.memoryUsage !== null));
  assert.ok((await rpc('stats.hostHistory', {})).points.length >= 2);
  const summary = await log.next('stats.summary', (s) => s.containers.some((c) => c.id === id));
  assert.ok(summary.host.memoryTotal !== null);
  // the counters /metrics and alerts read, and the data root's file system
  const mine = summary.containers.find((c) => c.id === id)!;
  assert.ok(mine.cpuUsageNs !== null && mine.cpuUsageNs !== undefined && mine.cpuUsageNs > 0);
  assert.ok(mine.memoryWorkingSet !== null && mine.memoryWorkingSet !== undefined);
  assert.ok(summary.dataRoot && summary.dataRoot.sizeBytes >= summary.dataRoot.usedBytes);
});

test('terminal: echo 42, resize seen by stty, exit 3 → terminal.exit code 3', async () => {
  const opened = await rpc('terminal.open', {
    sessionId: 't1',
    containerId: 'dash1',
    cmd: 'auto',
    cols: 80,
    rows: 24,
  });
  assert.deepEqual(opened, { ok: true, sessionId: 't1', cmd: ['/bin/sh'], containerId: id });
  await assert.rejects(
    rpc('terminal.open', { sessionId: 't1', containerId: 'dash1', cols: 80, rows: 24 }),
    (e: unknown) => e instanceof ProtocolError && e.code === 'ALREADY_EXISTS',
  );
  // Type after the prompt: ash may flush typed-ahead input when it sets up line editing.
  await waitOutput('t1', /[#$] /);
  type('t1', 'echo $((6*7))\r');
  await waitOutput('t1', /\n42\r/);
  await rpc('terminal.resize', { sessionId: 't1', cols: 100, rows: 40 });
  type('t1', 'stty size\r');
  await waitOutput('t1', /40 100/);
  const exited = log.next('terminal.exit', (e) => e.sessionId === 't1');
  type('t1', 'exit 3\r');
  assert.deepEqual(await exited, { sessionId: 't1', exitCode: 3, reason: 'exited' });
  await assert.rejects(
    rpc('terminal.resize', { sessionId: 't1', cols: 10, rows: 10 }),
    (e: unknown) => e instanceof ProtocolError && e.code === 'NOT_FOUND',
  );
});

test('a busy loop in a terminal shows as CPU time and a CPU %; terminal.close ends it', async () => {
  await rpc('terminal.open', { sessionId: 't2', containerId: id, cols: 80, rows: 24 });
  await waitOutput('t2', /[#$] /);
  const usage = (b: { samples: { containerId: string; cpu: { usageNs?: number | null } }[] }) =>
    b.samples.find((s) => s.containerId === id)?.cpu.usageNs ?? null;
  const before = usage(await log.next('stats.batch', (b) => usage(b) !== null))!;
  type('t2', 'while :; do :; done\r');
  // Not a rate threshold (a loaded machine gives the loop what it can): the loop's CPU time
  // climbs by a quarter second, and the agent reports a non-zero CPU % for it.
  const hot = await log.next('stats.batch', (b) =>
    b.samples.some(
      (s) =>
        s.containerId === id &&
        (s.cpu.usageNs ?? 0) > before + 250e6 &&
        (s.cpu.percentOfHost ?? 0) > 0,
    ),
  );
  assert.ok(hot.samples.some((s) => s.containerId === id));
  assert.deepEqual(await rpc('terminal.close', { sessionId: 't2' }), { ok: true, closed: true });
  assert.deepEqual(await rpc('terminal.close', { sessionId: 't2' }), { ok: true, closed: false });
  assert.deepEqual(await shellsGone(id), [], 'the busy shell was hung up');
  await rpc('stats.unsubscribe', { all: true });
});

test('a dropped link detaches its terminals: the shell lives on, the next link attaches to it with its scrollback; close ends it with its jobs', async () => {
  assert.deepEqual(await shellsGone(id), [], 'no shell before');
  await rpc('terminal.open', { sessionId: 't3', containerId: id, cols: 80, rows: 24 });
  await waitOutput('t3', /[#$] /);
  // A background job too: ending the session must end it (a hang-up alone would not).
  type('t3', "sleep 4343 & echo rea''dy\r"); // the tty echoes the input; only the shell prints "ready"
  await waitOutput('t3', /ready/);
  // the job's fork is an `sh` until it execs sleep (the shell may print first): let it
  let shells = await shellsIn(id);
  for (let i = 0; i < 50 && shells.length > 1; i++) {
    await new Promise((r) => setTimeout(r, 100));
    shells = await shellsIn(id);
  }
  assert.equal(shells.length, 1, 'the shell runs in the container');
  const reconnected = web.nextConnection();
  const synced = log.next('inventory.containers', (p) => p.containers.some((c) => c.id === id));
  socket.disconnect(true);
  attach(await reconnected);
  await synced;
  assert.equal((await shellsIn(id)).length, 1, 'the shell lives on, detached');
  assert.equal(log.all('terminal.exit').filter((e) => e.sessionId === 't3').length, 0);

  output.set('t3', '');
  const back = await rpc('terminal.attach', { sessionId: 't3', cols: 100, rows: 30 });
  assert.deepEqual(
    { ...back, replayed: back.replayed > 0 },
    { ok: true, sessionId: 't3', cmd: ['/bin/sh'], containerId: id, replayed: true },
  );
  assert.match(output.get('t3') ?? '', /ready/, 'the scrollback came first');
  type('t3', "echo ag''ain\r");
  await waitOutput('t3', /again/);

  assert.deepEqual(await rpc('terminal.close', { sessionId: 't3' }), { ok: true, closed: true });
  assert.deepEqual(await shellsGone(id), [], 'the shell was hung up');
  const sleeps = async () => {
    const pids = (await readdir('/proc')).filter((n) => /^\d+$/.test(n));
    const lines = await Promise.all(
      pids.map((n) => readFile(`/proc/${n}/cmdline`, 'utf8').catch(() => '')),
    );
    return lines.filter((c) => c.replace(/\0/g, ' ').trim() === 'sleep 4343').length;
  };
  for (let i = 0; i < 50 && (await sleeps()) > 0; i++) await new Promise((r) => setTimeout(r, 100));
  assert.equal(await sleeps(), 0, 'its background job ended with it');
});

test('stopping the container ends its terminal with container-stopped; die + inventory exited', async () => {
  await rpc('terminal.open', { sessionId: 't4', containerId: id, cols: 80, rows: 24 });
  const follow = await rpc('logs.follow', { followId: 'f1', ref: id, tail: 1 });
  assert.equal(follow.containerId, id);
  const followed = log.next('logs.data', (p) => p.followId === 'f1');
  const ended = log.next('logs.end', (p) => p.followId === 'f1');
  const exit = log.next('terminal.exit', (e) => e.sessionId === 't4');
  const died = log.next('container.event', (e) => e.id === id && e.type === 'die');
  const inventory = log.next('inventory.containers', (p) =>
    p.containers.some((c) => c.id === id && c.state === 'exited'),
  );
  assert.deepEqual(
    (await followed).entries.map((e) => e.text),
    ['hello-logs'],
  );
  const stopped = await rpc('container.stop', { ref: id, timeout: 1 });
  assert.equal(stopped.state, 'exited');
  const e = await exit;
  assert.equal(e.reason, 'container-stopped');
  assert.equal((await died).type, 'die');
  assert.equal((await died).manuallyStopped, true, 'a stop is an exit that was asked for');
  await inventory;
  assert.equal((await ended).reason, 'exited');
  await assert.rejects(
    rpc('terminal.open', { sessionId: 't5', containerId: id, cols: 80, rows: 24 }),
    (err: unknown) => err instanceof ProtocolError && err.code === 'FAILED_PRECONDITION',
  );
});

test('malformed RPC params and frames get errors or are dropped; the agent stays up', async () => {
  const invalid = (e: unknown) => e instanceof ProtocolError && e.code === 'INVALID_ARGUMENT';
  await assert.rejects(rpc('container.stop', { ref: id, timeout: 'soon' }), invalid);
  await assert.rejects(
    rpc('terminal.open', { sessionId: 'x', containerId: id, cols: 0, rows: 1 }),
    invalid,
  );
  await assert.rejects(rpc('container.create', { image: ref, bogus: true }), invalid);
  await assert.rejects(
    rpc('container.start', { ref: 'no-such-container' }),
    (e: unknown) => e instanceof ProtocolError && e.code === 'NOT_FOUND',
  );
  socket.emit('terminal.input', { sessionId: 'x', data: 'not binary' });
  socket.emit('terminal.input', { sessionId: 'x', data: Buffer.alloc(70_000) });
  socket.emit('terminal.ack', { sessionId: 'x', bytes: -5 });
  socket.emit('terminal.input', { sessionId: 'nope', data: Buffer.from('hi') });
  assert.ok((await rpc('system.ping', {})).ts > 0);
  const destroyed = log.next('container.event', (e) => e.id === id && e.type === 'destroy');
  const emptied = log.next('inventory.containers', (p) => p.containers.length === 0);
  assert.deepEqual(await rpc('container.remove', { ref: id }), { id });
  await destroyed;
  await emptied;
  assert.equal(agent.proc.exitCode, null);
  assert.deepEqual(log.invalid, [], 'every agent event matched its schema');
});
