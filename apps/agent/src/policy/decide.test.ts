import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyCreate, type CreateContainerRequest } from '@berth/protocol';
import { agentRoots } from './agent-roots.js';
import { describeRefusals, refusals, type ResolvedPolicy } from './decide.js';

const roots = agentRoots({
  dataRoot: '/var/lib/berth',
  execRoot: '/run/berth',
  socketPath: '/run/berth/agent.sock',
});
const policy = (allowElevated: string[], allowBind: string[] = []): ResolvedPolicy => ({
  allowElevated,
  allowBind,
  roots,
});

type Req = Omit<CreateContainerRequest, 'image'>;
/** request, policy, real paths of binds → tokens refused and the flag offered for each. */
const table: [string, Req, ResolvedPolicy, Record<string, string>, [string, string | null][]][] = [
  ['nothing elevated, nothing allowed', { env: ['A=1'] }, policy([]), {}, []],
  [
    'default policy refuses privileged',
    { privileged: true },
    policy([]),
    {},
    [['privileged', '--allow-elevated privileged']],
  ],
  ['privileged allowed by name', { privileged: true }, policy(['privileged']), {}, []],
  ['all allows every kind', { privileged: true, pid: 'host' }, policy(['all']), {}, []],
  [
    'one capability allowed, another not',
    { capAdd: ['NET_ADMIN', 'SYS_ADMIN'] },
    policy(['capabilities:NET_ADMIN']),
    {},
    [['capabilities:SYS_ADMIN', '--allow-elevated capabilities:SYS_ADMIN']],
  ],
  [
    'all does not allow binds',
    { volumes: ['/srv/data:/d'] },
    policy(['all']),
    { '/srv/data': '/srv/data' },
    [['bind:/srv/data', '--allow-bind /srv/data']],
  ],
  [
    'a bind under an allowed path',
    { volumes: ['/srv/data/app:/d:ro'] },
    policy([], ['/srv/data']),
    { '/srv/data/app': '/srv/data/app' },
    [],
  ],
  [
    'a symlink under an allowed path that leads out of it',
    { volumes: ['/srv/data/link:/d'] },
    policy([], ['/srv/data']),
    { '/srv/data/link': '/etc' },
    [['bind:/srv/data/link', '--allow-bind /etc']],
  ],
  [
    'a sibling with a common prefix',
    { volumes: ['/srv/database:/d'] },
    policy([], ['/srv/data']),
    { '/srv/database': '/srv/database' },
    [['bind:/srv/database', '--allow-bind /srv/database']],
  ],
  [
    'the agent data root, even under an allowed parent',
    { volumes: ['/var/lib/berth/containers:/c'] },
    policy(['all'], ['/var/lib']),
    { '/var/lib/berth/containers': '/var/lib/berth/containers' },
    [['bind:/var/lib/berth/containers', null]],
  ],
  [
    '/ exposes every root: never',
    { volumes: ['/:/host'] },
    policy(['all'], ['/']),
    { '/': '/' },
    [['bind:/', null]],
  ],
  [
    'a link to the exec root',
    { volumes: ['/srv/data/run:/r'] },
    policy([], ['/srv/data']),
    { '/srv/data/run': '/run/berth' },
    [['bind:/srv/data/run', null]],
  ],
];

for (const [name, req, pol, real, expected] of table) {
  test(`refusals: ${name}`, () => {
    const got = refusals(classifyCreate(req), pol, new Map(Object.entries(real)));
    assert.deepEqual(
      got.map((r) => [r.option.token, r.allowWith]),
      expected,
    );
  });
}

test('the message names what is refused and the flags that would allow it', () => {
  const list = refusals(
    classifyCreate({ privileged: true, capAdd: ['SYS_ADMIN'], volumes: ['/:/host'] }),
    policy([]),
    new Map([['/', '/']]),
  );
  assert.equal(
    describeRefusals(list),
    "this host's policy does not allow: privileged, capability SYS_ADMIN. The host's owner can " +
      'allow it with `berth-agent --allow-elevated privileged --allow-elevated capabilities:SYS_ADMIN`. ' +
      "never allowed from the web: bind mount /:/host (it would expose the agent's data root)",
  );
});
