import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import Docker from 'dockerode';
import { randomBytes } from 'node:crypto';
import { access, mkdir, readdir, readFile } from 'node:fs/promises';
import {
  buildBusyboxImage,
  buildTar,
  pushTestImage,
  sha256,
  startRegistry,
  type TarEntry,
  type TestImage,
} from '@berth/testkit';
import { startDockerAgent, type DockerAgent } from './helpers/docker-agent.js';

// Debian's docker client (20.10) and dockerode against a Berth agent's Docker API: the image
// endpoints, with the loopback registry for pull and push.
const run = promisify(execFile);
let d: DockerAgent;
let app: TestImage;
let appRef: string;
const BIG = 2 << 20;

before(async () => {
  d = await startDockerAgent();
  // busybox, then a layer big enough for Downloading lines (progress comes every 512 KiB), then a small one
  app = await buildBusyboxImage({
    extraLayers: [
      [
        { name: 'app/big.bin', data: randomBytes(BIG) },
        { name: 'app/hello.txt', data: 'hello from app\n' },
      ],
      [{ name: 'app/second.txt', data: 'two\n' }],
    ],
    config: {
      Env: ['PATH=/bin', 'APP=1'],
      Entrypoint: null,
      Cmd: ['cat', '/app/hello.txt'],
      WorkingDir: '/app',
      Labels: { tier: 'db' },
      ExposedPorts: { '8080/tcp': {} },
      StopSignal: 'SIGINT',
    },
  });
  appRef = `${d.registry.host}/docker-api/app:1`;
  await pushTestImage(appRef, app);
});

after(async () => {
  await d?.stop();
});

/** The manifest digest the registry holds for `repo:tag`. */
async function registryDigest(repo: string, tag: string): Promise<string | null> {
  const r = await fetch(`http://${d.registry.host}/v2/${repo}/manifests/${tag}`, {
    method: 'HEAD',
    headers: {
      accept:
        'application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json',
    },
  });
  return r.ok ? r.headers.get('docker-content-digest') : null;
}

test('docker pull from the registry shows per-layer progress and succeeds; a second says up to date', async () => {
  const pull = await d.docker(['pull', appRef]);
  assert.equal(pull.code, 0, pull.stderr);
  const digest = await registryDigest('docker-api/app', '1');
  assert.match(pull.stdout, /^1: Pulling from docker-api\/app$/m);
  // the busybox layer is here already (the agent pulled busybox); the app's two are new
  assert.match(
    pull.stdout,
    new RegExp(`^${app.layers[0]!.digest.slice(7, 19)}: Already exists$`, 'm'),
  );
  for (const l of app.layers.slice(1)) {
    const id = l.digest.slice(7, 19);
    assert.match(pull.stdout, new RegExp(`^${id}: Pulling fs layer$`, 'm'));
    assert.match(pull.stdout, new RegExp(`^${id}: Pull complete$`, 'm'));
  }
  assert.match(pull.stdout, new RegExp(`^Digest: ${digest}$`, 'm'));
  assert.match(pull.stdout, new RegExp(`^Status: Downloaded newer image for ${appRef}$`, 'm'));
  const again = await d.docker(['pull', appRef]);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, new RegExp(`^Status: Image is up to date for ${appRef}$`, 'm'));
  assert.doesNotMatch(again.stdout, /Pull complete|Already exists/);
  const missing = await d.docker(['pull', `${d.registry.host}/docker-api/nope:1`]);
  assert.equal(missing.code, 1);
  assert.match(
    missing.stderr,
    new RegExp(
      `Error response from daemon: manifest for ${d.registry.host}/docker-api/nope:1 not found`,
    ),
  );
});

test('the pull stream carries Docker’s JSON: progressDetail bytes, then Digest and Status', async () => {
  const sdk = new Docker({ socketPath: d.dockerSocket });
  await sdk.getImage(appRef).remove();
  const stream = await sdk.pull(appRef);
  const events: Array<Record<string, unknown>> = await new Promise((resolve, reject) =>
    sdk.modem.followProgress(stream, (err: Error | null, out: Array<Record<string, unknown>>) =>
      err ? reject(err) : resolve(out),
    ),
  );
  const big = app.layers[1]!.digest.slice(7, 19);
  const downloading = events.filter((e) => e.status === 'Downloading' && e.id === big);
  assert.ok(downloading.length > 0, 'a Downloading line for the layer');
  const detail = downloading.at(-1)!.progressDetail as { current: number; total: number };
  assert.equal(detail.total, app.layers[1]!.blob.length);
  assert.ok(detail.current > 0 && detail.current <= detail.total);
  const statuses = events.filter((e) => e.id === big).map((e) => e.status);
  for (const s of ['Pulling fs layer', 'Download complete', 'Extracting', 'Pull complete'])
    assert.ok(statuses.includes(s), `${s} in ${statuses.join(', ')}`);
  assert.ok(statuses.indexOf('Download complete') < statuses.indexOf('Pull complete'));
  assert.match(String(events.at(-2)?.status), /^Digest: sha256:[0-9a-f]{64}$/);
  assert.equal(events.at(-1)?.status, `Status: Downloaded newer image for ${appRef}`);
  const listed = await sdk.listImages({ filters: { reference: [appRef] } });
  assert.deepEqual(
    listed.map((i) => [i.Id, i.RepoTags]),
    [[app.configDigest, [appRef]]],
  );
});

test('docker images lists them with Docker’s columns and filters', async () => {
  const all = await d.docker(['images', '--format', '{{.Repository}}|{{.Tag}}|{{.ID}}|{{.Size}}']);
  assert.equal(all.code, 0, all.stderr);
  const rows = all.stdout
    .trim()
    .split('\n')
    .map((r) => r.split('|'));
  const appRow = rows.find((r) => r[0] === `${d.registry.host}/docker-api/app`);
  assert.deepEqual(appRow?.slice(1, 3), ['1', app.configDigest.slice(7, 19)]);
  // the unpacked size (busybox + the app's layers), as Docker shows it
  assert.match(appRow![3]!, /^\d+(\.\d+)?MB$/);
  assert.ok(rows.some((r) => r[0] === `${d.registry.host}/docker-api/busybox` && r[1] === '1'));
  const q = await d.docker(['images', '-q', '--filter', `reference=*/docker-api/app`]);
  assert.equal(q.stdout, `${app.configDigest.slice(7, 19)}\n`);
  const labelled = await d.docker(['images', '-q', '--filter', 'label=tier=db']);
  assert.equal(labelled.stdout, `${app.configDigest.slice(7, 19)}\n`);
  // by repository: a `name:tag` pattern does not match the name@digest (dockerd's FamiliarMatch)
  const digests = await d.docker([
    'images',
    '--digests',
    '--format',
    '{{.Digest}}',
    `${d.registry.host}/docker-api/app`,
  ]);
  assert.equal(digests.stdout.trim(), await registryDigest('docker-api/app', '1'));
  const bad = await d.docker(['images', '--filter', 'nope=1']);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /invalid filter 'nope'/);
});

test('docker inspect IMG: Docker’s fields from the image config', async () => {
  const f =
    '{{.Id}}|{{json .RepoTags}}|{{json .Config.Cmd}}|{{json .Config.Env}}|{{.Config.WorkingDir}}|' +
    '{{json .Config.Labels}}|{{json .Config.ExposedPorts}}|{{.Config.StopSignal}}|{{.Os}}|' +
    '{{.RootFS.Type}}|{{json .RootFS.Layers}}|{{.Created}}';
  const i = await d.docker(['image', 'inspect', '-f', f, appRef]);
  assert.equal(i.code, 0, i.stderr);
  assert.equal(
    i.stdout.trim(),
    [
      app.configDigest,
      JSON.stringify([appRef]),
      '["cat","/app/hello.txt"]',
      '["PATH=/bin","APP=1"]',
      '/app',
      '{"tier":"db"}',
      '{"8080/tcp":{}}',
      'SIGINT',
      'linux',
      'layers',
      JSON.stringify(app.layers.map((l) => l.diffId)),
      '2026-01-01T00:00:00Z',
    ].join('|'),
  );
  // plain `docker inspect` finds the image after no container matched
  const plain = await d.docker(['inspect', '-f', '{{.Id}}', appRef]);
  assert.equal(plain.stdout.trim(), app.configDigest);
  const size = await d.docker(['image', 'inspect', '-f', '{{.Size}}', appRef]);
  assert.ok(Number(size.stdout) > BIG, size.stdout);
  const missing = await d.docker(['image', 'inspect', 'nope:1']);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /No such image: nope:1/);
});

test('docker system df -v names images as docker images does', async () => {
  const df = await d.docker(['system', 'df', '-v', '--format', '{{json .Images}}']);
  assert.equal(df.code, 0, df.stderr);
  const images = JSON.parse(df.stdout) as Array<{ Repository: string; Tag: string }>;
  assert.ok(
    images.some((i) => i.Repository === `${d.registry.host}/docker-api/app` && i.Tag === '1'),
    df.stdout,
  );
});

test('docker history lists the steps newest first, each with its layer’s size', async () => {
  const h = await d.docker([
    'history',
    '--no-trunc',
    '--human=false',
    '--format',
    '{{.ID}}|{{.CreatedBy}}|{{.Size}}',
    appRef,
  ]);
  assert.equal(h.code, 0, h.stderr);
  const rows = h.stdout
    .trim()
    .split('\n')
    .map((r) => r.split('|'));
  assert.deepEqual(
    rows.map((r) => r.slice(0, 2)),
    [
      [app.configDigest, 'layer 2'],
      ['<missing>', 'layer 1'],
      ['<missing>', 'layer 0'],
    ],
  );
  assert.equal(rows[0]![2], String('two\n'.length));
  assert.equal(rows[1]![2], String(BIG + 'hello from app\n'.length));
});

test('docker tag adds a name; rmi of one name only untags', async () => {
  const tag = await d.docker(['tag', appRef, 'mine/app:v2']);
  assert.equal(tag.code, 0, tag.stderr);
  const id = await d.docker(['image', 'inspect', '-f', '{{.Id}}', 'mine/app:v2']);
  assert.equal(id.stdout.trim(), app.configDigest);
  const rmi = await d.docker(['rmi', 'mine/app:v2']);
  assert.equal(rmi.code, 0, rmi.stderr);
  assert.equal(rmi.stdout, 'Untagged: mine/app:v2\n');
  assert.equal((await d.docker(['image', 'inspect', appRef])).code, 0, 'the image stays');
  const bad = await d.docker(['tag', appRef, 'Bad:Name']);
  assert.equal(bad.code, 1);
});

test('docker rmi refuses an image a container uses, naming the container', async () => {
  await d.docker(['tag', appRef, 'inuse:1']);
  const c = await d.docker(['create', '--name', 'img-user', 'inuse:1', 'sleep', '600']);
  assert.equal(c.code, 0, c.stderr);
  const cid = c.stdout.trim().slice(0, 12);
  const short = app.configDigest.slice(7, 19);
  await d.docker(['rmi', appRef]); // another name: untagging it is fine
  const refused = await d.docker(['rmi', 'inuse:1']);
  assert.equal(refused.code, 1);
  assert.match(
    refused.stderr,
    new RegExp(
      `conflict: unable to remove repository reference "inuse:1" \\(must force\\) - container ${cid} is using its referenced image ${short}`,
    ),
  );
  const byId = await d.docker(['rmi', short]);
  assert.equal(byId.code, 1);
  assert.match(byId.stderr, new RegExp(`image is being used by stopped container ${cid}`));
  assert.equal((await d.docker(['start', 'img-user'])).code, 0);
  const forced = await d.docker(['rmi', '-f', short]);
  assert.equal(forced.code, 1);
  assert.match(
    forced.stderr,
    new RegExp(`\\(cannot be forced\\) - image is being used by running container ${cid}`),
  );
  await d.docker(['rm', '-f', 'img-user']);
  const gone = await d.docker(['rmi', 'inuse:1']);
  assert.equal(gone.code, 0, gone.stderr);
  assert.match(gone.stdout, /^Untagged: inuse:1\n/);
  assert.match(gone.stdout, new RegExp(`^Deleted: ${app.configDigest}$`, 'm'));
  assert.equal((await d.docker(['image', 'inspect', short])).code, 1);
});

test('docker push to the loopback registry', async () => {
  const pull = await d.docker(['pull', appRef]);
  assert.equal(pull.code, 0, pull.stderr);
  const target = `${d.registry.host}/docker-api/pushed:2`;
  await d.docker(['tag', appRef, target]);
  const push = await d.docker(['push', target]);
  assert.equal(push.code, 0, push.stderr);
  assert.match(
    push.stdout,
    new RegExp(`^The push refers to repository \\[${d.registry.host}/docker-api/pushed\\]$`, 'm'),
  );
  const digest = await registryDigest('docker-api/pushed', '2');
  assert.ok(digest);
  assert.match(push.stdout, new RegExp(`^2: digest: ${digest} size: \\d+$`, 'm'));
  for (const l of app.layers)
    assert.match(
      push.stdout,
      new RegExp(
        `^${l.diffId.slice(7, 19)}: (Pushed|Layer already exists|Mounted from docker-api/app)$`,
        'm',
      ),
    );
  const again = await d.docker(['push', target]);
  assert.match(
    again.stdout,
    new RegExp(`^${app.layers[0]!.diffId.slice(7, 19)}: Layer already exists$`, 'm'),
  );
  const missing = await d.docker(['push', `${d.registry.host}/docker-api/none:1`]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr + missing.stdout, /An image does not exist locally with the tag/);
});

test('docker save -o, rmi, load -i: the same image back, and it runs', async () => {
  const since = String(Math.floor(Date.now() / 1000) - 1);
  const tarPath = join(d.roots.dir, 'app.tar');
  const save = await d.docker(['save', '-o', tarPath, appRef]);
  assert.equal(save.code, 0, save.stderr);
  const { stdout: listing } = await run('tar', ['-tf', tarPath]);
  for (const f of ['manifest.json', 'index.json', 'oci-layout', 'repositories'])
    assert.ok(listing.split('\n').includes(f), `${f} in the archive`);
  assert.ok(listing.includes(`blobs/sha256/${app.configDigest.slice(7)}`));
  const { stdout: manifest } = await run('tar', ['-xOf', tarPath, 'manifest.json']);
  assert.deepEqual(JSON.parse(manifest)[0].RepoTags, [appRef]);
  const rmi = await d.docker(['rmi', appRef]);
  assert.equal(rmi.code, 0, rmi.stderr);
  assert.equal((await d.docker(['image', 'inspect', appRef])).code, 1);
  const load = await d.docker(['load', '-i', tarPath]);
  assert.equal(load.code, 0, load.stderr);
  assert.equal(load.stdout, `Loaded image: ${appRef}\n`);
  const id = await d.docker(['image', 'inspect', '-f', '{{.Id}}', appRef]);
  assert.equal(id.stdout.trim(), app.configDigest);
  const out = await d.docker(['run', '--rm', appRef]);
  assert.equal(out.code, 0, out.stderr);
  assert.equal(out.stdout, 'hello from app\n');
  const events = await d.docker([
    'events',
    '--since',
    since,
    '--until',
    String(Math.floor(Date.now() / 1000) + 1),
    '--filter',
    'type=image',
    '--filter',
    'event=save',
    '--filter',
    'event=load',
    '--format',
    '{{.Action}} {{.Actor.ID}}',
  ]);
  assert.equal(events.stdout, `save ${app.configDigest}\nload ${app.configDigest}\n`);
  // from stdin, by ID: the image comes back nameless
  const byId = join(d.roots.dir, 'by-id.tar');
  assert.equal((await d.docker(['save', '-o', byId, app.configDigest.slice(7, 19)])).code, 0);
  const { stdout: nameless } = await run('tar', ['-xOf', byId, 'manifest.json']);
  assert.equal(JSON.parse(nameless)[0].RepoTags, null, 'saved by ID: no names, as dockerd');
  const again = await d.docker(['load'], { input: await readFile(byId) });
  assert.equal(again.stdout, `Loaded image ID: ${app.configDigest}\n`);
  const missing = await d.docker(['save', '-o', join(d.roots.dir, 'x.tar'), 'nope:1']);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /No such image: nope:1/);
});

/** A `docker save` (≤ 24) archive of one image over one uncompressed layer, plus extra entries. */
async function dockerArchive(layer: readonly TarEntry[], extra: TarEntry[] = []): Promise<Buffer> {
  const layerTar = await buildTar(layer);
  const config = JSON.stringify({
    architecture: 'amd64',
    os: 'linux',
    config: { Cmd: ['/x'] },
    rootfs: { type: 'layers', diff_ids: [sha256(layerTar)] },
  });
  return buildTar([
    { name: 'l1/layer.tar', data: layerTar },
    { name: 'cfg.json', data: config },
    {
      name: 'manifest.json',
      data: JSON.stringify([
        { Config: 'cfg.json', RepoTags: ['hostile:1'], Layers: ['l1/layer.tar'] },
      ]),
    },
    ...extra,
  ]);
}

test('docker load refuses archives that reach outside the store, and writes nothing there', async () => {
  const outside = join(d.roots.dir, 'outside');
  await mkdir(outside, { recursive: true });
  const manifestNaming = (layer: string, cfg = 'cfg.json'): TarEntry => ({
    name: 'manifest.json',
    data: JSON.stringify([{ Config: cfg, RepoTags: ['hostile:1'], Layers: [layer] }]),
  });
  const cases: Array<[string, () => Promise<Buffer>, RegExp]> = [
    [
      'an entry name climbing out',
      () => buildTar([{ name: `../../../../../../..${outside}/escaped`, data: 'x' }]),
      /points outside the archive/,
    ],
    [
      'an absolute entry name',
      () => buildTar([{ name: `${outside}/escaped`, data: 'x' }]),
      /is not a relative path/,
    ],
    [
      'a layer.tar that is a symlink out of the archive',
      () =>
        buildTar([
          { name: 'l1/layer.tar', type: 'symlink', linkname: '../../../../../../etc/shadow' },
          manifestNaming('l1/layer.tar'),
        ]),
      /points outside the archive/,
    ],
    [
      'a layer.tar that is an absolute symlink',
      () =>
        buildTar([
          { name: 'l1/layer.tar', type: 'symlink', linkname: '/etc/shadow' },
          manifestNaming('l1/layer.tar'),
        ]),
      /is absolute/,
    ],
    [
      'a hard link out of the archive',
      () =>
        buildTar([
          { name: 'l1/layer.tar', type: 'link', linkname: '../../etc/shadow' },
          manifestNaming('l1/layer.tar'),
        ]),
      /points outside the archive/,
    ],
    [
      'manifest.json naming a file outside',
      () => buildTar([manifestNaming('l1/layer.tar', '../../../../etc/passwd')]),
      /points outside the archive/,
    ],
    [
      'a device node',
      () => buildTar([{ name: 'null', type: 'character-device', devmajor: 1, devminor: 3 }]),
      /character-device/,
    ],
    [
      'a layer writing through ..',
      () => dockerArchive([{ name: `../../../../../../..${outside}/pwned`, data: 'x' }]),
      /escapes the root/,
    ],
    [
      'a layer writing through a symlink to /',
      () =>
        dockerArchive([
          { name: 'root', type: 'symlink', linkname: '/' },
          { name: `root${outside}/pwned`, data: 'x' },
        ]),
      /through symlink/,
    ],
    ['no manifest at all', () => buildTar([{ name: 'x', data: 'y' }]), /neither index.json/],
  ];
  const before = (await d.docker(['images', '-aq', '--no-trunc'])).stdout;
  for (const [what, make, error] of cases) {
    const r = await d.docker(['load'], { input: await make() });
    assert.equal(r.code, 1, `${what}: ${r.stdout}`);
    assert.match(r.stderr, error, what);
    assert.deepEqual(await readdir(outside), [], `${what}: nothing written outside`);
  }
  assert.equal((await d.docker(['images', '-aq', '--no-trunc'])).stdout, before, 'no image added');
  const leftovers = await readdir(join(d.roots.dataRoot, 'tmp')).catch(() => []);
  assert.deepEqual(leftovers, [], 'spooled files removed');
  // the same shape, harmless, loads and is named as manifest.json says
  const fine = await d.docker(['load'], { input: await dockerArchive([{ name: 'x', data: 'y' }]) });
  assert.equal(fine.code, 0, fine.stderr);
  assert.equal(fine.stdout, 'Loaded image: hostile:1\n');
  assert.equal((await d.docker(['rmi', 'hostile:1'])).code, 0);
});

test('dockerode: list with filters, inspect, tag and remove', async () => {
  const sdk = new Docker({ socketPath: d.dockerSocket });
  const all = await sdk.listImages();
  assert.ok(all.some((i) => i.RepoTags?.includes(d.image)));
  const img = sdk.getImage(appRef);
  assert.equal((await img.inspect()).Id, app.configDigest);
  await img.tag({ repo: 'sdk/app', tag: 't1' });
  const tagged = await sdk.listImages({ filters: { reference: ['sdk/*'] } });
  assert.deepEqual(
    tagged.map((i) => i.RepoTags),
    [['sdk/app:t1']],
  );
  assert.deepEqual(await sdk.getImage('sdk/app:t1').remove(), [{ Untagged: 'sdk/app:t1' }]);
});

test('docker image prune removes dangling images only; -a with a label filter what matches', async () => {
  // an image loaded without a name is dangling
  const layerTar = await buildTar([{ name: 'dangling', data: 'd' }]);
  const config = JSON.stringify({
    architecture: 'amd64',
    os: 'linux',
    rootfs: { type: 'layers', diff_ids: [sha256(layerTar)] },
  });
  const archive = await buildTar([
    { name: 'l/layer.tar', data: layerTar },
    { name: 'c.json', data: config },
    {
      name: 'manifest.json',
      data: JSON.stringify([{ Config: 'c.json', Layers: ['l/layer.tar'] }]),
    },
  ]);
  const load = await d.docker(['load'], { input: archive });
  assert.equal(load.stdout, `Loaded image ID: ${sha256(config)}\n`);
  const dangling = await d.docker(['images', '-q', '--no-trunc', '--filter', 'dangling=true']);
  assert.equal(dangling.stdout, `${sha256(config)}\n`);
  const none = await d.docker(['image', 'prune', '-a', '-f', '--filter', 'label=nope=1']);
  assert.equal(none.code, 0, none.stderr);
  assert.equal(none.stdout, 'Total reclaimed space: 0B\n');
  const pruned = await d.docker(['image', 'prune', '-f']);
  assert.equal(pruned.code, 0, pruned.stderr);
  assert.match(pruned.stdout, new RegExp(`^deleted: ${sha256(config)}$`, 'm'));
  assert.match(pruned.stdout, /^Total reclaimed space: 1B$/m);
  assert.equal((await d.docker(['images', '-q', '--filter', 'dangling=true'])).stdout, '');
  assert.equal((await d.docker(['image', 'inspect', appRef])).code, 0, 'named images stay');
});

test('docker run of an image not here pulls it first', async () => {
  const fresh = await buildBusyboxImage({
    extraLayers: [[{ name: 'fresh.txt', data: 'fresh\n' }]],
    config: { Cmd: ['cat', '/fresh.txt'] },
  });
  const ref = `${d.registry.host}/docker-api/fresh:1`;
  await pushTestImage(ref, fresh);
  const r = await d.docker(['run', '--rm', ref]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'fresh\n');
  assert.match(r.stderr, new RegExp(`Unable to find image '${ref}' locally`));
  assert.match(r.stderr, /Pull complete/);
});

test('docker login, then push and pull with X-Registry-Auth; Berth keeps no credentials', async () => {
  const auth = { username: 'pusher', password: 's3cret-pass' };
  const reg = await startRegistry({ auth });
  try {
    const ref = `${reg.host}/private/app:1`;
    assert.equal((await d.docker(['tag', d.image, ref])).code, 0);
    const anonymous = await d.docker(['push', ref]);
    assert.equal(anonymous.code, 1, 'the registry wants credentials');
    const wrong = await d.docker(['login', reg.host, '-u', auth.username, '--password-stdin'], {
      input: 'wrong\n',
    });
    assert.equal(wrong.code, 1);
    const login = await d.docker(['login', reg.host, '-u', auth.username, '--password-stdin'], {
      input: `${auth.password}\n`,
    });
    assert.equal(login.code, 0, login.stderr);
    assert.match(login.stdout, /Login Succeeded/);
    const push = await d.docker(['push', ref]);
    assert.equal(push.code, 0, push.stderr);
    assert.match(push.stdout, /^1: digest: sha256:[0-9a-f]{64} size: \d+$/m);
    assert.equal((await d.docker(['rmi', ref])).code, 0);
    const pull = await d.docker(['pull', ref]);
    assert.equal(pull.code, 0, pull.stderr);
    assert.match(pull.stdout, /^Digest: sha256:/m);
    assert.equal((await d.docker(['logout', reg.host])).code, 0);
    assert.equal((await d.docker(['rmi', ref])).code, 0);
    const denied = await d.docker(['pull', ref]);
    assert.equal(denied.code, 1, 'without the header the pull is refused again');
    await assert.rejects(
      access(join(d.roots.dataRoot, 'auth.json')),
      'nothing stored by the agent',
    );
  } finally {
    await reg.stop();
  }
});
