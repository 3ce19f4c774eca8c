import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openFixture, type Fixture } from './manager-fixture.js';
import { waitFor } from './helpers.js';
import type { AttachSession } from '../../src/container/attach.js';
import { isRuntimeError } from '../../src/errors.js';

// The main process on a conmon-held PTY (conmon -t -i), attached through conmon's socket.
let fx: Fixture;
before(async () => {
  fx = await openFixture();
});
after(() => fx.cleanup());

const ttyShell = (name: string) =>
  fx.manager.create({
    image: { config: { cmd: ['sh'] } },
    options: { name, network: 'none', tty: true, openStdin: true },
  });

function collect(s: AttachSession): { text: () => string } {
  let out = '';
  s.onData((d) => (out += d.toString('utf8')));
  return { text: () => out };
}

test('attach before start: a shell on a TTY, size, resize, input, exit code, logs', async () => {
  const c = await ttyShell('tty-main');
  const session = await fx.manager.attach(c.id, { size: { cols: 91, rows: 37 } });
  assert.equal(session.bound, false, 'pending until the start');
  const out = collect(session);
  session.write('echo $((6*7))\r'); // typed before the start: queued, then delivered
  await fx.manager.start(c.id);
  assert.equal(session.bound, true);
  await waitFor(() => out.text().includes('42'), 'arithmetic echoed');
  session.write('stty size\r');
  await waitFor(() => out.text().includes('37 91'), 'initial size');
  fx.manager.resize(c.id, { cols: 120, rows: 40 });
  session.write('stty size\r');
  await waitFor(() => out.text().includes('40 120'), 'resized');
  session.write('[ -t 0 ] && echo "is a tty"\r');
  await waitFor(() => out.text().includes('is a tty'), 'stdin is a terminal');
  session.write('exit 5\r');
  await session.ended;
  assert.deepEqual(await fx.manager.wait(c.id), { exitCode: 5, oomKilled: false });
  const logged: string[] = [];
  for await (const e of fx.manager.logs(c.id)) logged.push(e.text);
  assert.ok(
    logged.some((l) => l.includes('42')),
    `log has the output: ${logged.join('|')}`,
  );
});

test('a TTY container survives its manager; attach again, detach, reattach', async () => {
  const c = await ttyShell('tty-survivor');
  await fx.manager.start(c.id);
  fx.manager.close(); // like an agent restart: the container stays under conmon
  const { manager } = await fx.reopen();
  fx.manager = manager;
  assert.equal(manager.get(c.id).state, 'running');
  const first = await manager.attach(c.id);
  const out1 = collect(first);
  first.write('echo one-$((1+1))\r');
  await waitFor(() => out1.text().includes('one-2'), 'first attach');
  first.close(); // detach: stdin stays open for the next client
  await first.ended;
  assert.equal(manager.get(c.id).state, 'running');
  const second = await manager.attach(c.id);
  const out2 = collect(second);
  second.write('echo two-$((2+2)); exit 3\r');
  await waitFor(() => out2.text().includes('two-4'), 'second attach');
  await second.ended;
  assert.equal((await manager.wait(c.id)).exitCode, 3);
});

test('resize needs a running TTY container', async () => {
  const c = await fx.manager.create({
    image: { config: { cmd: ['true'] } },
    options: { network: 'none' },
  });
  assert.throws(
    () => fx.manager.resize(c.id, { cols: 80, rows: 24 }),
    (e) => isRuntimeError(e, 'FAILED_PRECONDITION'),
  );
  const t = await ttyShell('tty-created');
  assert.throws(
    () => fx.manager.resize(t.id, { cols: 80, rows: 24 }),
    (e) => isRuntimeError(e, 'FAILED_PRECONDITION'),
  );
  assert.throws(
    () => fx.manager.resize(t.id, { cols: 0, rows: 24 }),
    (e) => isRuntimeError(e, 'INVALID_ARGUMENT'),
  );
});
