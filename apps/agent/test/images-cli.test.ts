import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  DiskUsageSchema,
  ImageInspectSchema,
  ImageSummarySchema,
  LayerUsageSchema,
} from '@berth/protocol';
import { berth, buildAgent, startAgent, tempRoots } from './helpers/agent-process.js';
import type { AgentProcess, Roots } from './helpers/agent-process.js';
import { buildImage, busyboxLayer, fileLayer, pushTestImage, startRegistry } from '@berth/testkit';
import type { BuiltLayer, TestRegistry } from '@berth/testkit';

let roots: Roots;
let registry: TestRegistry;
let authRegistry: TestRegistry;
let agent: AgentProcess;
let base: BuiltLayer;
let baseRef: string;
let appRef: string;

const cli = (...args: string[]) => berth(roots.socket, args);
const ok = async (...args: string[]) => {
  const r = await cli(...args);
  assert.equal(r.code, 0, `berth ${args.join(' ')} failed: ${r.stderr}`);
  return r;
};
const jsonLines = (s: string) =>
  s
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as unknown);

before(async () => {
  buildAgent();
  roots = await tempRoots();
  registry = await startRegistry();
  authRegistry = await startRegistry({ auth: { username: 'alice', password: 's3cret' } });
  base = await busyboxLayer();
  baseRef = `${registry.host}/test/base:1`;
  appRef = `${registry.host}/test/app:1`;
  await pushTestImage(baseRef, await buildImage({ layers: [base] }));
  const hello = await fileLayer('hello.txt', 'hello\n');
  const app = await buildImage({
    layers: [base, hello],
    config: { Cmd: ['/bin/cat', '/hello.txt'] },
  });
  await pushTestImage(appRef, app);
  agent = startAgent(roots);
  await agent.waitForLog(/API listening/);
});

after(async () => {
  await agent?.stop();
  await registry?.stop();
  await authRegistry?.stop();
  await roots?.cleanup();
});

test('pull shows per-layer progress and ends with the reference; -q prints only the reference', async () => {
  const r = await ok('pull', baseRef);
  assert.match(r.stdout, /^[0-9a-f]{12}: (Waiting|Downloading)/m);
  assert.match(r.stdout, new RegExp(`^${base.digest.slice(7, 19)}: Pull complete$`, 'm'));
  assert.ok(!r.stdout.includes('\u001b'), 'no cursor moves when stdout is not a TTY');
  assert.equal(r.stdout.trim().split('\n').at(-1), baseRef);

  const q = await ok('pull', '-q', appRef);
  assert.equal(q.stdout, `${appRef}\n`);
});

test('images: table and --format json with the documented keys', async () => {
  const table = await ok('images');
  assert.match(table.stdout, /^REPOSITORY +TAG +IMAGE ID +CREATED +SIZE\n/);
  assert.match(
    table.stdout,
    new RegExp(`^${registry.host}/test/base +1 +[0-9a-f]{12} +\\S.* ago +[0-9.]+[kM]?B$`, 'm'),
  );

  const json = await ok('images', '--format', 'json');
  const images = jsonLines(json.stdout).map((o) => ImageSummarySchema.parse(o));
  assert.equal(images.length, 2);
  for (const line of jsonLines(json.stdout)) {
    for (const key of ['id', 'repoTags', 'repoDigests', 'size', 'created', 'layers'])
      assert.ok(Object.hasOwn(line as object, key), `missing ${key}`);
  }
  assert.deepEqual(images.map((i) => i.repoTags).sort(), [[appRef], [baseRef]].sort());

  const ids = await ok('image', 'ls', '-q');
  assert.equal(ids.stdout.trim().split('\n').length, 2);
  assert.equal((await ok('images', '--filter', 'dangling=true', '-q')).stdout, '');
});

test('image inspect prints a JSON array; a missing image is an error naming it', async () => {
  const r = await ok('image', 'inspect', appRef);
  const [img, ...rest] = JSON.parse(r.stdout) as unknown[];
  assert.equal(rest.length, 0);
  const i = ImageInspectSchema.parse(img);
  assert.deepEqual(i.config.cmd, ['/bin/cat', '/hello.txt']);
  assert.equal(i.layers[0]!.digest, base.digest);

  const missing = await cli('image', 'inspect', appRef, 'nope:404');
  assert.equal(missing.code, 4);
  assert.equal((JSON.parse(missing.stdout) as unknown[]).length, 1);
  assert.match(missing.stderr, /^berth: .*nope/m);
});

test('image layers shows the busybox layer shared by both images', async () => {
  const json = await ok('image', 'layers', '--format', 'json');
  const layers = jsonLines(json.stdout).map((o) => LayerUsageSchema.parse(o));
  const shared = layers.find((l) => l.digest === base.digest);
  assert.ok(shared, 'the base layer is listed');
  assert.equal(shared.images.length, 2);
  assert.ok(shared.size > 0);

  const table = await ok('image', 'layers');
  assert.match(table.stdout, /^LAYER +SIZE +IMAGES\n/);
  assert.match(
    table.stdout,
    new RegExp(`^${base.digest.slice(7, 19)} +\\S+ +.*test/.*, .*test/`, 'm'),
  );
  assert.match(table.stdout, new RegExp(`saved by sharing layers \\(${shared.size} bytes\\)`));
});

test('tag, push to the registry, rmi, and pull it back', async () => {
  const copyRef = `${registry.host}/test/copy:2`;
  await ok('tag', baseRef, copyRef);
  const push = await ok('push', copyRef);
  assert.match(
    push.stdout,
    new RegExp(`${copyRef.replace(/\./g, '\\.')}: digest: sha256:[0-9a-f]{64}$`, 'm'),
  );
  const manifest = await fetch(`http://${registry.host}/v2/test/copy/manifests/2`, {
    method: 'HEAD',
    headers: { accept: 'application/vnd.oci.image.manifest.v1+json' },
  });
  assert.equal(manifest.status, 200, 'the registry has the pushed manifest');

  const rmi = await ok('rmi', copyRef);
  assert.match(rmi.stdout, new RegExp(`^Untagged: ${copyRef.replace(/\./g, '\\.')}$`, 'm'));
  assert.equal((await cli('image', 'inspect', copyRef)).code, 4);

  const back = await ok('pull', copyRef);
  assert.equal(back.stdout.trim().split('\n').at(-1), copyRef);
  const names = jsonLines((await ok('images', '--format', 'json')).stdout).flatMap(
    (o) => ImageSummarySchema.parse(o).repoTags,
  );
  assert.ok(names.includes(copyRef));
  await ok('rmi', copyRef);
});

test('rmi of a missing image exits non-zero with a message on stderr', async () => {
  const r = await cli('rmi', `${registry.host}/test/missing:0`);
  assert.equal(r.code, 4);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^berth: .*missing/);
  const bad = await cli('pull', 'Not A Ref');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^berth: /);
});

test('login: a wrong password is refused and nothing is stored; the right one works; logout', async () => {
  const wrong = await berth(
    roots.socket,
    ['login', '-u', 'alice', '--password-stdin', authRegistry.host],
    { input: 'wrong\n' },
  );
  assert.notEqual(wrong.code, 0);
  assert.match(wrong.stderr, /^berth: /);
  await assert.rejects(stat(join(roots.dataRoot, 'auth.json')), { code: 'ENOENT' });

  const right = await berth(
    roots.socket,
    ['login', '-u', 'alice', '--password-stdin', authRegistry.host],
    { input: 's3cret\n' },
  );
  assert.equal(right.code, 0, right.stderr);
  assert.equal(right.stdout, 'Login Succeeded\n');
  const out = await ok('logout', authRegistry.host);
  assert.equal(out.stdout, `Removing login credentials for ${authRegistry.host}\n`);
  assert.equal(
    (await ok('logout', authRegistry.host)).stdout,
    `Not logged in to ${authRegistry.host}\n`,
  );
  assert.equal((await cli('login', '-u', 'alice', authRegistry.host)).code, 2, 'no password given');
});

test('save and load round trip', async () => {
  const archive = join(roots.dir, 'images.tar');
  await ok('save', '-o', archive, baseRef, appRef);
  assert.ok((await stat(archive)).size > 0);
  const before = jsonLines((await ok('images', '--format', 'json')).stdout).map((o) =>
    ImageSummarySchema.parse(o),
  );
  await ok('rmi', baseRef, appRef);
  assert.equal((await ok('images', '-q')).stdout, '');

  const load = await ok('load', '-i', archive);
  assert.match(load.stdout, new RegExp(`^Loaded image: ${baseRef.replace(/\./g, '\\.')}$`, 'm'));
  assert.match(load.stdout, new RegExp(`^Loaded image: ${appRef.replace(/\./g, '\\.')}$`, 'm'));
  const after = jsonLines((await ok('images', '--format', 'json')).stdout).map((o) =>
    ImageSummarySchema.parse(o),
  );
  assert.deepEqual(
    after.map((i) => [i.id, i.repoTags]).sort(),
    before.map((i) => [i.id, i.repoTags]).sort(),
  );
  assert.equal((await cli('save', baseRef)).code, 2, 'save needs -o');
});

test('system df reports images and what sharing saves', async () => {
  const json = await ok('system', 'df', '--format', 'json');
  const df = DiskUsageSchema.parse(JSON.parse(json.stdout));
  assert.equal(df.images, 2);
  assert.ok(df.contentBytes > 0);
  assert.ok(df.sharedSavings > 0);
  const text = await ok('system', 'df');
  assert.match(text.stdout, /^Images +2 +0 +\S+ +-$/m);
});

test('image prune without -f asks and does nothing on EOF; with -f removes dangling images', async () => {
  await ok('tag', appRef, `${registry.host}/test/extra:1`);
  await ok('rmi', appRef);
  await ok('rmi', `${registry.host}/test/extra:1`);
  const asked = await ok('image', 'prune');
  assert.match(asked.stdout, /Are you sure/);
  const pruned = await ok('image', 'prune', '-f');
  assert.match(pruned.stdout, /Total reclaimed space: /);
});
