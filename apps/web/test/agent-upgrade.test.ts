import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
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

/**
 * A real agent upgrade from the web. The bundle `npm run build` made is installed with the
 * "Add host" line (install.sh --prefix --no-systemd, as test/install.test.ts does); the web then
 * serves a next release (the same bundle repacked under a bumped version), and an admin's click
 * makes the agent download it over its link's transport, check its sha256, unpack it beside the
 * first, swap `current` and restart into it, while a container keeps running under its conmon.
 * A bundle whose sha256 is not the one the web names is refused with nothing swapped; a broken
 * release (its agent exits at once) is rolled back by the guard and the failure reported.
 */
const run = promisify(execFile);
const ADMIN_PASSWORD = 'admin-password-for-tests';
const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const bareEnv = () => ({ PATH, NODE_ENV: 'production' }) as NodeJS.ProcessEnv;
const built = join(import.meta.dirname, '../../agent/dist/bundle');
const first = JSON.parse(readFileSync(join(built, 'latest.json'), 'utf8')) as {
  version: string;
  arch: string;
  file: string;
  sha256: string;
};
/** `0.1.0` → `0.1.1` (the build's version is plain MAJOR.MINOR.PATCH). */
const bump = (v: string) => v.replace(/(\d+)$/, (n) => String(Number(n) + 1));
const next = bump(first.version);
const broken = bump(next);
const release = (v: string) => `berth-agent-${v}-linux-${first.arch}`;

let web: RunningWeb;
let admin: Client;
let registry: TestRegistry;
let tmp: string;
let bundles: string;
let prefix: string;
const pids = new Set<number>();

before(async () => {
  tmp = await makeTempDir('berth-upgrade-');
  bundles = join(tmp, 'bundles');
  mkdirSync(bundles);
  for (const f of ['install.sh', 'latest.json', first.file, `${first.file}.sha256`])
    copyFileSync(join(built, f), join(bundles, f));
  web = await startWeb({
    BERTH_ADMIN_PASSWORD: ADMIN_PASSWORD,
    BERTH_BUNDLE_DIR: bundles,
    BERTH_UPGRADE_DEADLINE_SEC: '60',
  });
  admin = new Client(web.baseUrl);
  await admin.login('admin', ADMIN_PASSWORD);
  registry = await startRegistry();
});

after(async () => {
  // whatever release runs now: its containers go, then the agent (uninstall reads agent.pid)
  if (prefix && existsSync(join(prefix, 'uninstall.sh')))
    await run(join(prefix, 'uninstall.sh'), ['--purge'], { env: bareEnv() }).catch(() => undefined);
  for (const pid of pids) if (isAlive(pid)) await stopPid(pid, 10_000);
  await registry?.stop();
  await web?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** The first bundle unpacked again as release `version` (optionally changed), packed and served. */
async function repack(
  version: string,
  change: (dir: string) => void = () => undefined,
): Promise<{ file: string; sha256: string }> {
  const work = join(tmp, `repack-${version}`);
  mkdirSync(work);
  await run('tar', ['-xzf', join(built, first.file), '-C', work]);
  renameSync(join(work, release(first.version)), join(work, release(version)));
  const dir = join(work, release(version));
  const lines = readFileSync(join(dir, 'VERSION'), 'utf8').split('\n');
  writeFileSync(join(dir, 'VERSION'), [version, ...lines.slice(1)].join('\n'));
  change(dir);
  const file = `${release(version)}.tar.gz`;
  await run('sh', [
    '-c',
    `tar -C "$1" -c "$2" | gzip -n -1 > "$3"`,
    'tar',
    work,
    release(version),
    join(bundles, file),
  ]);
  rmSync(work, { recursive: true, force: true });
  const sha256 = createHash('sha256')
    .update(readFileSync(join(bundles, file)))
    .digest('hex');
  writeFileSync(join(bundles, `${file}.sha256`), `${sha256}  ${file}\n`);
  return { file, sha256 };
}

function serve(version: string, file: string, sha256: string): void {
  const latest = { version, arch: first.arch, file, sha256 };
  writeFileSync(join(bundles, 'latest.json'), `${JSON.stringify(latest, null, 2)}\n`);
}

interface HostView {
  status: string;
  facts: { agentVersion: string | null };
  upgrade: { state: string; toVersion: string; reason: string | null } | null;
}
const hostOf = async (id: string) =>
  (await admin.request('GET', `/api/hosts/${id}`)).body.host as HostView;

test('an admin upgrades an installed agent; a bundle with another sha256 is refused; a broken release is rolled back', async () => {
  const created = await admin.request('POST', '/api/hosts', { name: 'upgraded-host' });
  assert.equal(created.status, 201);
  const { host, command } = created.body as { host: { id: string }; command: string };
  prefix = join(tmp, 'opt');
  const dataRoot = join(tmp, 'data');
  const execRoot = join(tmp, 'exec');
  const tag = process.pid.toString(36).slice(-4);
  const flags = [
    '--prefix',
    prefix,
    '--no-systemd',
    '--data-root',
    dataRoot,
    '--exec-root',
    execRoot,
    '--agent-flag',
    `--bridge=bu${tag}`,
    '--agent-flag',
    '--bridge-subnet=10.214.7.0/24',
  ];
  const { stdout } = await run('sh', ['-c', `${command} ${flags.join(' ')}`], {
    cwd: tmp,
    env: { ...bareEnv(), HOME: tmp },
    maxBuffer: 16 * 1024 * 1024,
  });
  const agentPid = () => Number(readFileSync(join(prefix, 'agent.pid'), 'utf8').trim());
  const firstPid = Number(/^agent pid (\d+)$/m.exec(stdout)?.[1]);
  assert.equal(agentPid(), firstPid);
  pids.add(firstPid);
  await waitFor(
    'host online',
    async () => ((await hostOf(host.id)).status === 'online' ? true : undefined),
    { timeoutMs: 60_000 },
  );
  const current = () => readlinkSync(join(prefix, 'current'));
  const exeOf = (pid: number) => readlinkSync(`/proc/${pid}/exe`);
  assert.equal(current(), `releases/${release(first.version)}`);

  // a container that must not notice the upgrades
  const berth = (...args: string[]) =>
    run(join(prefix, 'bin/berth'), ['--host', `unix://${execRoot}/agent.sock`, ...args], {
      env: bareEnv(),
    });
  const ref = `${registry.host}/upgrade/busybox:1`;
  await pushTestImage(ref, await buildBusyboxImage());
  await berth('pull', '-q', ref);
  const ctr = (await berth('run', '-d', '--network', 'none', ref, 'sleep', '600')).stdout.trim();
  const ctrPid = async () =>
    (JSON.parse((await berth('inspect', ctr)).stdout) as Array<{ pid: number | null }>)[0]?.pid;
  const initPid = await ctrPid();
  assert.ok(initPid && initPid > 0);

  // 1. the next release: downloaded, verified, swapped in, restarted into; the container stays
  const good = await repack(next);
  serve(next, good.file, good.sha256);
  const res = await admin.request('POST', `/api/hosts/${host.id}/upgrade`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const upgraded = await waitFor(
    'upgrade reported',
    async () => {
      const h = await hostOf(host.id);
      return h.upgrade?.state === 'succeeded' && h.status === 'online' ? h : undefined;
    },
    { timeoutMs: 120_000 },
  );
  assert.equal(upgraded?.facts.agentVersion, next);
  assert.equal(current(), `releases/${release(next)}`);
  const secondPid = agentPid();
  pids.add(secondPid);
  assert.notEqual(secondPid, firstPid);
  assert.equal(isAlive(firstPid), false, 'the old agent is gone');
  assert.equal(exeOf(secondPid), join(prefix, 'releases', release(next), 'bin', 'node'));
  assert.equal(await ctrPid(), initPid, 'the container kept running through the upgrade');
  assert.equal((await berth('exec', ctr, 'echo', 'still here')).stdout.trim(), 'still here');
  assert.deepEqual(readdirSync(join(prefix, 'releases')).sort(), [
    release(first.version),
    release(next),
  ]);

  // 2. the web names a sha256 the bundle does not have: refused, nothing swapped
  const tampered = await repack(broken);
  serve(broken, tampered.file, 'f'.repeat(64));
  const refused = await admin.request('POST', `/api/hosts/${host.id}/upgrade`);
  assert.equal(refused.status, 403, JSON.stringify(refused.body));
  assert.match(refused.body.message ?? '', /sha256 is [0-9a-f]{64}, the web said f{64}: refused/);
  assert.equal(current(), `releases/${release(next)}`);
  assert.equal(existsSync(join(prefix, 'releases', release(broken))), false);
  assert.equal(agentPid(), secondPid);
  assert.equal(isAlive(secondPid), true);
  assert.equal((await hostOf(host.id)).upgrade?.state, 'failed');

  // 3. a release whose agent dies at start: the guard rolls back, the previous one reports it
  rmSync(join(bundles, tampered.file));
  const dead = await repack(broken, (dir) =>
    writeFileSync(join(dir, 'lib', 'berth-agent.mjs'), 'process.exit(3);\n'),
  );
  serve(broken, dead.file, dead.sha256);
  const accepted = await admin.request('POST', `/api/hosts/${host.id}/upgrade`);
  assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
  const upgrading = await hostOf(host.id);
  assert.equal(upgrading.upgrade?.state, 'upgrading', JSON.stringify(upgrading));
  const rolledBack = await waitFor(
    'rollback reported',
    async () => {
      const h = await hostOf(host.id);
      return h.upgrade?.state === 'failed' &&
        h.upgrade.toVersion === broken &&
        h.status === 'online'
        ? h
        : undefined;
    },
    { timeoutMs: 120_000 },
  );
  assert.match(
    rolledBack?.upgrade?.reason ?? '',
    /exited before it connected/,
    JSON.stringify(rolledBack),
  );
  assert.equal(rolledBack?.facts.agentVersion, next);
  assert.equal(current(), `releases/${release(next)}`);
  const thirdPid = agentPid();
  pids.add(thirdPid);
  assert.equal(exeOf(thirdPid), join(prefix, 'releases', release(next), 'bin', 'node'));
  assert.equal(await ctrPid(), initPid, 'the container kept running through the rollback');
  const audit = await admin.request('GET', '/api/audit?action=host.upgrade');
  const rows = (audit.body.events as Array<{ action: string; outcome: string }>).map(
    (e) => `${e.action} ${e.outcome}`,
  );
  for (const row of [
    'host.upgrade success',
    'host.upgrade failure',
    'host.upgrade.result success',
    'host.upgrade.result failure',
  ])
    assert.ok(rows.includes(row), `${row} in ${rows.join(', ')}`);

  await berth('rm', '-f', ctr);
  await run(join(prefix, 'uninstall.sh'), ['--purge'], { env: bareEnv() });
  assert.equal(isAlive(thirdPid), false, 'uninstall stops the agent the guard started');
  assert.equal(existsSync(prefix), false);
});
