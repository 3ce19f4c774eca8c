import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ContainerDto } from '../../lib/dto/container.js';
import {
  humanDuration,
  blockedReason,
  statusText,
  toContainerViewModel,
  formatPorts,
  createViewModelCache,
} from './container-view-model.js';
import {
  countByState,
  filterContainers,
  sortContainers,
  emptyContainerFilter,
} from './list-filter.js';
import { applyContainersChange } from './queries/apply-change.js';
import { highlightParts } from './log-search.js';
import { fleetTop } from '../overview/fleet-top.js';
import { eventsQueryString, parseTarget, emptyEventsFilter } from '../events/events-filter.js';

const now = new Date('2026-01-01T12:00:00Z');

function c(name: string, over: Partial<ContainerDto> = {}): ContainerDto {
  const engineId = (name.charCodeAt(0).toString(16) + '0'.repeat(64)).slice(0, 64);
  return {
    id: `h1:${engineId}`,
    hostId: 'h1',
    engineId,
    name,
    image: 'busybox',
    imageId: null,
    command: [],
    state: 'running',
    exitCode: null,
    oomKilled: false,
    createdAt: '2026-01-01T11:00:00Z',
    startedAt: '2026-01-01T11:57:00Z',
    finishedAt: null,
    ports: [],
    limits: {
      memory: null,
      memorySwap: null,
      cpus: null,
      pidsLimit: null,
      cpuShares: null,
      cpusetCpus: null,
    },
    labels: {},
    restartPolicy: 'no',
    health: null,
    elevated: [],
    ...over,
  };
}

test('status text: uptime for live containers, exit code for exited ones', () => {
  assert.equal(statusText(c('a'), now), 'Up 3 minutes');
  assert.equal(statusText(c('a', { state: 'paused' }), now), 'Up 3 minutes (Paused)');
  assert.equal(
    statusText(c('a', { state: 'exited', exitCode: 137, finishedAt: '2026-01-01T11:55:00Z' }), now),
    'Exited (137) 5 minutes ago',
  );
  assert.equal(
    statusText(c('a', { state: 'exited', exitCode: 0, finishedAt: null }), now),
    'Exited (0)',
  );
  assert.equal(statusText(c('a', { state: 'created' }), now), 'Created');
  assert.equal(humanDuration(59_000), '59 seconds');
  assert.equal(humanDuration(60_000), 'About a minute');
  assert.equal(humanDuration(3 * 3600_000), '3 hours');
  assert.equal(humanDuration(3 * 86400_000), '3 days');
});

const online = { name: 'box', status: 'online', lastSeenAt: '2026-01-01T11:59:50Z' } as const;
const offline = { name: 'box', status: 'offline', lastSeenAt: '2026-01-01T11:30:00Z' } as const;

test('view model: actions by state, host name, ports', () => {
  const vm = toContainerViewModel(c('a', { state: 'exited' }), online, now);
  assert.equal(vm.hostName, 'box');
  assert.equal(vm.canStart, true);
  assert.equal(vm.canStop, false);
  assert.equal(vm.blocked, null);
  assert.equal(vm.href, `/containers/h1/${c('a').engineId}`);
  assert.equal(
    formatPorts([
      { hostIp: '127.0.0.1', hostPort: 8080, containerPort: 80, protocol: 'tcp' },
      { hostIp: '0.0.0.0', hostPort: 53, containerPort: 53, protocol: 'udp' },
    ]),
    '127.0.0.1:8080→80/tcp, 53→53/udp',
  );
});

test('view model: an action under way shows its transition, keeps the state, offers nothing', () => {
  const vm = toContainerViewModel(c('a', { transition: 'stopping' }), online, now);
  assert.equal(vm.state, 'running');
  assert.equal(vm.transition, 'stopping');
  assert.equal(vm.canStop, false);
  assert.equal(vm.canStart, false);
  assert.equal(vm.selectable, true);
  assert.match(vm.blocked ?? '', /^stopping… — waiting for host box/);
});

test('view model: a container of an offline host is unknown, with actions off and the reason by name', () => {
  const vm = toContainerViewModel(c('a', { transition: 'stopping' }), offline, now);
  assert.equal(vm.unknown, true);
  assert.equal(vm.transition, null);
  assert.equal(vm.canStop, false);
  assert.equal(vm.canPause, false);
  assert.equal(vm.selectable, false);
  assert.match(vm.status, /^unknown — host offline since /);
  assert.match(vm.blocked ?? '', /^host box is offline since /);
  const revoked = toContainerViewModel(c('a'), { ...offline, status: 'revoked' }, now);
  assert.equal(revoked.status, 'unknown — host revoked');
  assert.equal(revoked.blocked, 'host box is revoked');
  const gone = toContainerViewModel(c('a'), undefined, now);
  assert.equal(gone.hostName, 'unknown host');
  assert.equal(gone.selectable, false);
  assert.doesNotMatch(gone.blocked ?? '', /h1/, 'never the internal host id');
  assert.equal(blockedReason({ transition: null }, online, now), null);
});

test('view model cache: same DTO, host and time give the same object; any change rebuilds', () => {
  const vmOf = createViewModelCache();
  const dto = c('a');
  const host = online;
  const first = vmOf(dto, host, now);
  assert.equal(vmOf(dto, host, new Date(now.getTime())), first);
  const moved = vmOf(dto, host, new Date(now.getTime() + 60_000));
  assert.notEqual(moved, first);
  assert.equal(moved.status, 'Up 4 minutes');
  const away = vmOf(dto, offline, new Date(now.getTime() + 60_000));
  assert.equal(away.hostOnline, false);
  const exited = vmOf({ ...dto, state: 'exited' }, host, now);
  assert.equal(exited.canStart, true);
  assert.equal(vmOf(dto, host, now).canStart, false);
});

test('filter and sort', () => {
  const list = [
    c('web'),
    c('db', { state: 'exited', image: 'postgres' }),
    c('cache', { hostId: 'h2' }),
  ];
  assert.deepEqual(
    filterContainers(list, { ...emptyContainerFilter, state: 'exited' }).map((x) => x.name),
    ['db'],
  );
  assert.deepEqual(
    filterContainers(list, { ...emptyContainerFilter, image: 'POST' }).map((x) => x.name),
    ['db'],
  );
  assert.deepEqual(
    filterContainers(list, { ...emptyContainerFilter, host: 'h2' }).map((x) => x.name),
    ['cache'],
  );
  assert.deepEqual(
    filterContainers(list, { ...emptyContainerFilter, name: 'EB' }).map((x) => x.name),
    ['web'],
  );
  assert.deepEqual(
    sortContainers(list, { key: 'name', dir: 'desc' }).map((x) => x.name),
    ['web', 'db', 'cache'],
  );
  assert.deepEqual(
    sortContainers(list, { key: 'state', dir: 'asc' }).map((x) => x.name),
    ['cache', 'web', 'db'],
  );
  const live = new Map([
    [c('web').id, { cpuPercent: 5, memoryUsage: 10 }],
    [c('db').id, { cpuPercent: 50, memoryUsage: null }],
  ]);
  assert.deepEqual(
    sortContainers(list, { key: 'cpu', dir: 'desc' }, new Map(), live).map((x) => x.name),
    ['db', 'web', 'cache'],
    'unknown numbers last',
  );
  assert.deepEqual(countByState(list), {
    total: 3,
    running: 2,
    paused: 0,
    created: 0,
    exited: 1,
    removing: 0,
    unknown: 0,
  });
  const elsewhere = [
    ...list,
    c('x', { hostId: 'h2', id: 'h2:x' }),
    c('y', { hostId: 'h3', id: 'h3:y' }),
    c('z', { hostId: 'gone', id: 'gone:z' }),
  ];
  const statuses = new Map([
    ['h1', 'online'],
    ['h2', 'offline'],
    ['h3', 'revoked'],
  ] as const);
  assert.deepEqual(
    countByState(elsewhere, statuses),
    // cache and x sit on the offline h2: unknown; y (revoked) and z (removed host) not counted
    { total: 4, running: 1, paused: 0, created: 0, exited: 1, removing: 0, unknown: 2 },
    'an offline host’s container is unknown; a revoked or removed host’s is not counted',
  );
});

test('pushed changes merge into the cached list', () => {
  const list = [c('a'), c('b')];
  const merged = applyContainersChange(list, {
    upserted: [c('b', { state: 'exited' }), c('n')],
    removed: [c('a').id],
  });
  assert.deepEqual(
    merged.map((x) => `${x.name}:${x.state}`),
    ['b:exited', 'n:running'],
  );
});

test('fleet top: running containers with known numbers, busiest first', () => {
  const list = [c('a'), c('b'), c('x', { state: 'exited' })];
  const live = new Map([
    [c('a').id, { cpuPercent: 1, memoryUsage: 300 }],
    [c('b').id, { cpuPercent: 9, memoryUsage: null }],
    [c('x').id, { cpuPercent: 99, memoryUsage: 999 }],
  ]);
  assert.deepEqual(
    fleetTop(list, live, 'cpu').map((e) => e.name),
    ['b', 'a'],
  );
  assert.deepEqual(
    fleetTop(list, live, 'memory').map((e) => e.name),
    ['a'],
  );
});

test('log search highlights every case-insensitive match', () => {
  assert.deepEqual(highlightParts('Error: bad error', 'error'), [
    { text: 'Error', match: true },
    { text: ': bad ', match: false },
    { text: 'error', match: true },
  ]);
  assert.deepEqual(highlightParts('x', ''), [{ text: 'x', match: false }]);
});

test('events filter: query string and container targets', () => {
  assert.equal(
    eventsQueryString({
      ...emptyEventsFilter,
      kind: 'container',
      host: 'h1',
      action: ' container.die ',
    }),
    'kind=container&page=1&pageSize=50&host=h1&action=container.die',
  );
  const id = 'a'.repeat(64);
  assert.deepEqual(parseTarget(`container:h1:${id}`), { hostId: 'h1', engineId: id });
  assert.equal(parseTarget('host:h1'), null);
});

test('elevated badge: privileged wins, otherwise “elevated”, every option in words', async () => {
  const { elevatedBadge, describeElevatedToken } = await import('./elevated-view.js');
  assert.equal(elevatedBadge([]), null);
  assert.deepEqual(elevatedBadge(['capabilities:SYS_ADMIN', 'privileged', 'bind:/']), {
    text: 'privileged',
    title: 'capability SYS_ADMIN, privileged, bind mount of /',
  });
  assert.deepEqual(elevatedBadge(['network-host']), { text: 'elevated', title: 'host network' });
  assert.equal(describeElevatedToken('seccomp:unconfined'), 'seccomp unconfined');
  assert.equal(describeElevatedToken('someday:x'), 'someday:x');
  assert.deepEqual(
    toContainerViewModel(c('p', { elevated: ['privileged'] }), undefined, now).elevated,
    ['privileged'],
  );
});
