import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProject, planProject } from '@berth/compose';
import { AgentError } from '../errors.js';
import { elevatedOfService, imagesToPull, plannedAction } from './web-stacks.js';
import { forgetWebStack, webStackSource } from './web-source.js';

test('a stack from the web reads its compose file and .env, and no other file of the host', async () => {
  const src = webStackSource('/var/lib/berth', {
    project: 'shop',
    compose: 'services: {}\n',
    env: 'A=1\n',
  });
  assert.equal(src.dir, '/var/lib/berth/stacks/shop');
  assert.equal(await src.readFile(src.file), 'services: {}\n');
  assert.equal(await src.readFile(join(src.dir, '.env')), 'A=1\n');
  for (const path of ['/etc/shadow', join(src.dir, 'app.env'), '/var/lib/berth/stacks/shop/../x'])
    await assert.rejects(src.readFile(path), (e) => {
      assert.ok(e instanceof AgentError);
      assert.equal(e.code, 'INVALID_ARGUMENT');
      assert.match(e.message, /reads only its compose file and its \.env/);
      return true;
    });
  const noEnv = webStackSource('/d', { project: 'p', compose: 'x' });
  assert.equal(await noEnv.readFile('/d/stacks/p/.env'), null);
});

test('save keeps the files (the .env readable by root only); forget removes them', async () => {
  const root = await mkdtemp(join(tmpdir(), 'berth-webstack-'));
  try {
    const src = webStackSource(root, { project: 'shop', compose: 'c\n', env: 'SECRET=1\n' });
    await src.save();
    assert.equal(await readFile(src.file, 'utf8'), 'c\n');
    assert.equal((await stat(join(src.dir, '.env'))).mode & 0o777, 0o600);
    await webStackSource(root, { project: 'shop', compose: 'd\n' }).save();
    await assert.rejects(
      stat(join(src.dir, '.env')),
      /ENOENT/,
      'an empty .env removes the old one',
    );
    await forgetWebStack(root, 'shop');
    await assert.rejects(stat(src.dir), /ENOENT/);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('a service’s elevated options: binds (relative ones too), secrets files, privileged, caps', async () => {
  const file = `services:
  root:
    image: x
    privileged: true
    cap_add: [NET_BIND_SERVICE, SYS_ADMIN]
    volumes: ["./data:/data", "named:/n", "/anon"]
    secrets: [s]
  plain:
    image: x
    volumes: ["named:/n"]
volumes: { named: {} }
secrets: { s: { file: /etc/hostname } }
`;
  const plan = planProject(
    await loadProject({
      file: '/srv/stacks/p/compose.yaml',
      readFile: async (p) => (p === '/srv/stacks/p/compose.yaml' ? file : null),
      env: {},
    }),
  );
  assert.deepEqual(
    elevatedOfService(plan, 'root').map((o) => o.token),
    ['privileged', 'capabilities:SYS_ADMIN', 'bind:/srv/stacks/p/data', 'bind:/etc/hostname'],
  );
  assert.deepEqual(elevatedOfService(plan, 'plain'), []);
});

test('what a deploy would pull: missing images, pull_policy always; never never; each image once', async () => {
  const file = `services:
  here: { image: local:1 }
  gone: { image: remote:1 }
  gone2: { image: remote:1 }
  fresh: { image: local:1, pull_policy: always }
  pinned: { image: nowhere:1, pull_policy: never }
`;
  const plan = planProject(
    await loadProject({
      file: '/srv/stacks/p/compose.yaml',
      readFile: async (p) => (p === '/srv/stacks/p/compose.yaml' ? file : null),
      env: {},
    }),
  );
  const local = { here: 'sha256:1', fresh: 'sha256:1' };
  assert.deepEqual(imagesToPull(plan, local).sort(), ['local:1', 'remote:1']);
  assert.deepEqual(imagesToPull(plan, { ...local, gone: 'sha256:2', gone2: 'sha256:2' }), [
    'local:1',
  ]);
});

test('reconcile actions in the wire’s words', () => {
  const ref = { id: 'a'.repeat(64), name: 'p-web-1' };
  assert.deepEqual(
    plannedAction({
      kind: 'recreate',
      service: 'web',
      number: 1,
      name: 'p-web-1',
      replaces: ref,
      why: 'config changed',
    }),
    { kind: 'recreate', service: 'web', container: 'p-web-1', why: 'config changed' },
  );
  assert.deepEqual(plannedAction({ kind: 'keep', service: 'web', number: 1, container: ref }), {
    kind: 'keep',
    service: 'web',
    container: 'p-web-1',
    why: null,
  });
  assert.deepEqual(
    plannedAction({ kind: 'remove', service: 'old', container: ref, why: 'orphan' }),
    { kind: 'remove', service: 'old', container: 'p-web-1', why: 'orphan' },
  );
});
