import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  buildBusyboxImage,
  isAlive,
  makeTempDir,
  pushTestImage,
  startRegistry,
  stopPid,
  waitFor,
  type TestRegistry,
} from '@berth/testkit';
import { startWeb, type RunningWeb } from './support/server.js';
import { Client } from './support/http.js';

// The "Add host" line, run as shown (plus the test-only --prefix/--no-systemd/roots flags) in a
// directory with no clone of this repository: install.sh downloads the bundle from the real web,
// verifies its sha256, installs under the prefix and starts an agent that enrolls and shows
// online. The agent runs on the bundle's own Node, and its CLI pulls and runs a container
// (native addons: unpack, exec through a PTY).

const run = promisify(execFile);
const ADMIN_PASSWORD = 'admin-password-for-tests';
const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
/** A bare environment: what a root shell on a fresh host has, and nothing of this checkout. */
const bareEnv = (extra: Record<string, string> = {}) =>
  ({ PATH, NODE_ENV: 'production', ...extra }) as NodeJS.ProcessEnv;
let web: RunningWeb;
let admin: Client;
let registry: TestRegistry;
let tmp: string;
const pids: number[] = [];

before(async () => {
  web = await startWeb({ BERTH_ADMIN_PASSWORD: ADMIN_PASSWORD });
  admin = new Client(web.baseUrl);
  await admin.login('admin', ADMIN_PASSWORD);
  registry = await startRegistry();
  tmp = await makeTempDir('berth-install-');
});

after(async () => {
  for (const pid of pids) if (isAlive(pid)) await stopPid(pid, 10_000);
  await registry?.stop();
  await web?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

async function addHost(name: string): Promise<{ id: string; command: string }> {
  const res = await admin.request('POST', '/api/hosts', { name });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  const body = res.body as { host: { id: string }; command: string };
  return { id: body.host.id, command: body.command };
}

/** Runs the shown line through sh in an empty directory, with the test's roots appended. */
function install(command: string, flags: string[]) {
  return run('sh', ['-c', `${command} ${flags.join(' ')}`], {
    cwd: tmp,
    env: bareEnv({ HOME: tmp }),
    maxBuffer: 16 * 1024 * 1024,
  });
}

test('Add host shows one install line carrying the bundle sha256 and the token in the environment', async () => {
  const { command } = await addHost('line-host');
  const latest = JSON.parse(
    readFileSync(join(import.meta.dirname, '../../agent/dist/bundle/latest.json'), 'utf8'),
  ) as { sha256: string };
  assert.match(
    command,
    new RegExp(
      `^curl -fsSL ${web.baseUrl}/install\\.sh \\| sudo BERTH_JOIN_TOKEN=bjt1\\.[\\w-]+\\.[\\w-]+ sh -s -- --sha256 ${latest.sha256}$`,
    ),
  );
  const script = await fetch(`${web.baseUrl}/install.sh`);
  assert.equal(script.status, 200);
  const text = await script.text();
  assert.ok(text.startsWith('#!/bin/sh'));
  assert.ok(text.includes(`SERVER="\${BERTH_SERVER:-${web.baseUrl}}"`), 'the web put its URL in');
  const sum = await fetch(`${web.baseUrl}/downloads/berth-agent-linux-amd64.tar.gz.sha256`);
  assert.equal((await sum.text()).split(' ')[0], latest.sha256);
  assert.equal((await fetch(`${web.baseUrl}/downloads/../../etc/passwd`)).status, 404);
  assert.equal((await fetch(`${web.baseUrl}/downloads/latest.json%00`)).status, 404);
});

test('a bundle whose sha256 differs from the line is not installed', async () => {
  const { command } = await addHost('tampered-host');
  const wrong = command.replace(/--sha256 [0-9a-f]{64}/, `--sha256 ${'0'.repeat(64)}`);
  const prefix = join(tmp, 'tampered');
  await assert.rejects(
    install(wrong, ['--prefix', prefix, '--no-systemd', '--data-root', join(tmp, 'td')]),
    (err: { stderr: string }) => /sha256 is [0-9a-f]{64}, the command said 0{64}/.test(err.stderr),
  );
  assert.equal(existsSync(join(prefix, 'current')), false, 'nothing installed');
});

test('the install line installs an agent that runs from the prefix, enrolls, runs containers, and uninstalls', async () => {
  const { id, command } = await addHost('installed-host');
  const prefix = join(tmp, 'opt');
  const dataRoot = join(tmp, 'data');
  const execRoot = join(tmp, 'exec');
  const tag = process.pid.toString(36).slice(-4);
  const { stdout } = await install(command, [
    '--prefix',
    prefix,
    '--no-systemd',
    '--data-root',
    dataRoot,
    '--exec-root',
    execRoot,
    '--name',
    'installed-host',
    '--agent-flag',
    `--bridge=bi${tag}`,
    '--agent-flag',
    '--bridge-subnet=10.213.7.0/24',
  ]);
  const pid = Number(/^agent pid (\d+)$/m.exec(stdout)?.[1]);
  assert.ok(pid > 0, `install printed the agent pid:\n${stdout}`);
  pids.push(pid);

  // The bundle's node runs it, not the node on PATH.
  const exe = readlinkSync(`/proc/${pid}/exe`);
  assert.ok(exe.startsWith(`${prefix}/releases/`) && exe.endsWith('/bin/node'), exe);
  assert.notEqual(exe, process.execPath);
  const env = readFileSync(join(prefix, 'agent.env'), 'utf8');
  assert.doesNotMatch(env, /BERTH_JOIN_TOKEN/, 'the token is forgotten after enrollment');

  const host = await waitFor(
    'installed host online',
    async () => {
      const res = await admin.request('GET', `/api/hosts/${id}`);
      const h = res.body.host as { status: string };
      return h.status === 'online' ? h : undefined;
    },
    { timeoutMs: 30_000 },
  );
  assert.equal(host?.status, 'online');

  // The bundle's CLI against the bundle's agent: pull, run, exec.
  const berth = (...args: string[]) =>
    run(join(prefix, 'bin/berth'), ['--host', `unix://${execRoot}/agent.sock`, ...args], {
      env: bareEnv(),
    });
  const ref = `${registry.host}/install/busybox:1`;
  await pushTestImage(ref, await buildBusyboxImage());
  await berth('pull', '-q', ref);
  const ctr = (await berth('run', '-d', '--network', 'none', ref, 'sleep', '300')).stdout.trim();
  assert.match(ctr, /^[0-9a-f]{64}$/);
  const out = await berth('exec', ctr, 'sh', '-c', 'echo $((6*7))');
  assert.equal(out.stdout.trim(), '42');

  // Uninstall with --purge: containers removed, agent stopped by its pid, prefix and data gone.
  await run(join(prefix, 'uninstall.sh'), ['--purge'], { env: bareEnv() });
  assert.equal(isAlive(pid), false, 'agent stopped');
  assert.equal(existsSync(prefix), false);
  assert.equal(existsSync(dataRoot), false);
  assert.equal(readFileSync('/proc/mounts', 'utf8').includes(dataRoot), false, 'no mount left');
});
