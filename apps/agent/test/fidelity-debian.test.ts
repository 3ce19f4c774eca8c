import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Tree } from '@berth/testkit';
import { buildContext } from './helpers/build-context.js';
import { buildFidelityDeb, debootstrapTarball } from './helpers/debian.js';
import { engineDiff, must, startOracle, type Oracle } from './helpers/oracle.js';

// A real Debian userland, Docker as the oracle: debootstrap (minbase, the host's suite; cached
// under data/cache), imported into dockerd, then `docker build` with layers of ordinary package
// work (dpkg -i of a local .deb, useradd, ln -s, rm -rf, dpkg -r) — pushed, pulled by dockerd and
// by Berth, run by both: identical trees, and the same commands give the same output.
const FIXTURE = fileURLToPath(new URL('./fidelity/debian', import.meta.url));

let o: Oracle;
let ref: string;
let trees: { docker: Tree; berth: Tree };

before(async () => {
  const tarball = await debootstrapTarball();
  o = await startOracle();
  const base = `${o.registry.host}/fidelity/debian-base:1`;
  await must(o.onDocker(['import', tarball, base]), 'docker import of the debootstrap tree');
  const ctx = await buildContext(FIXTURE);
  try {
    await buildFidelityDeb(ctx);
    ref = `${o.registry.host}/fidelity/debian:1`;
    await o.buildAndPush(ctx, ref, { BASE: base });
  } finally {
    await rm(ctx, { recursive: true, force: true });
  }
  await o.pullIntoBerth(ref);
  trees = await o.walkBoth(ref);
});

after(async () => {
  await o?.stop();
});

test('the Debian image unpacks in Berth exactly as in Docker', () => {
  assert.ok(trees.docker.nodes.size > 3000, `a whole userland (${trees.docker.nodes.size} nodes)`);
  assert.deepEqual(engineDiff(trees), []);
});

test('the package work is in the tree', () => {
  const has = (p: string) => trees.docker.nodes.get(p);
  assert.equal(has('usr/local/bin/hello')?.target, '/usr/bin/fidelity-hello');
  assert.equal(has('usr/local/bin/hello-hardlink')?.linkGroup, 'usr/local/bin/hello-copy');
  assert.equal(has('srv/data')?.mode, 0o2770);
  assert.deepEqual([has('srv/data')?.uid, has('srv/data')?.gid], [1500, 1600]);
  assert.equal(has('usr/share/doc'), undefined);
  assert.equal(has('usr/bin/fidelity-hello'), undefined, 'dpkg -r removed it');
  assert.equal(has('etc/fidelity/fidelity.conf')?.type, 'file', 'dpkg -r keeps conffiles');
  assert.equal(has('etc/fidelity/extra.conf'), undefined);
  assert.equal(has('var/lib/berth-fidelity/state')?.type, 'file');
});

test('it runs in Berth as in Docker: users, groups, dpkg database, a shell pipeline', async () => {
  const script = [
    'id app; id fidsvc | cut -d" " -f1; getent group team',
    'dpkg-query -W -f="\\${Package} \\${Status}\\n" berth-fidelity base-files | sed "s/ [0-9].*//"',
    'su app -c "cat ~/note; touch /srv/data/x && stat -c %U:%G /srv/data/x"',
    'ls -l /usr/local/bin | tail -n +2 | awk "{print \\$1, \\$NF}"',
    'readlink -f /etc/localtime; cat /etc/debian_version | cut -d. -f1 | grep -c .',
  ].join('; ');
  const d = await o.onDocker(['run', '--rm', '--network', 'none', ref, 'bash', '-c', script]);
  const b = await o.onBerth(['run', '--rm', '--network', 'none', ref, 'bash', '-c', script]);
  assert.equal(d.code, 0, d.stderr);
  assert.match(d.stdout, /uid=1500\(app\) gid=1500\(app\) groups=1500\(app\),1600\(team\)/);
  assert.deepEqual(
    { code: b.code, stdout: b.stdout, stderr: b.stderr },
    {
      code: d.code,
      stdout: d.stdout,
      stderr: d.stderr,
    },
  );
});
