import { test } from 'node:test';
import assert from 'node:assert/strict';
import { record } from './fixtures.js';
import { parseFilters } from './filters.js';
import {
  CONTAINER_LIST_FILTERS,
  containerMatches,
  listCommand,
  nameMatches,
  statusText,
  toDockerSummary,
} from './list.js';
import { humanDuration } from '../../human-units.js';

const now = new Date('2026-01-01T01:00:01.000Z');
const naming = { builtinNetworkId: 'f'.repeat(64) };

test('summary: names with a slash, command line, ports, status text', () => {
  const s = toDockerSummary(record(), now, (n) => `/v/${n}`, naming);
  assert.deepEqual(s.Names, ['/web']);
  assert.equal(s.Image, 'busybox:1');
  assert.equal(s.Command, 'sleep 10');
  assert.equal(s.Created, 1767225600);
  assert.deepEqual(s.Ports, [{ IP: '127.0.0.1', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' }]);
  assert.equal(s.State, 'running');
  assert.equal(s.Status, 'Up About an hour');
  assert.equal(s.HostConfig.NetworkMode, 'default');
});

test('status text as docker ps prints it', () => {
  assert.equal(statusText(record({ state: 'created' }), now), 'Created');
  assert.equal(
    statusText(
      record({ state: 'exited', exitCode: 3, finishedAt: '2026-01-01T00:59:56.000Z' }),
      now,
    ),
    'Exited (3) 5 seconds ago',
  );
  assert.equal(statusText(record({ state: 'paused' }), now), 'Up About an hour (Paused)');
  assert.equal(statusText(record(), now, 'healthy'), 'Up About an hour (healthy)');
  assert.equal(statusText(record(), now, 'starting'), 'Up About an hour (health: starting)');
  assert.equal(
    statusText(
      record({ state: 'exited', finishedAt: '2026-01-01T01:00:00.000Z' }),
      now,
      'unhealthy',
    ),
    'Exited (0) 1 second ago',
  );
  assert.equal(humanDuration(500), 'Less than a second');
  assert.equal(humanDuration(90_000), 'About a minute');
  assert.equal(humanDuration(150_000), '2 minutes');
  assert.equal(humanDuration(3 * 86400_000), '3 days');
});

test('filters: name (plain and anchored), label, status, id, network, exited, ancestor', () => {
  const rec = record();
  const m = (json: string) =>
    containerMatches(
      rec,
      parseFilters(json, CONTAINER_LIST_FILTERS),
      (v) => v === 'busybox:1',
      naming,
    );
  assert.equal(m('{"name":{"we":true}}'), true);
  assert.equal(m('{"name":{"^/web$":true}}'), true);
  assert.equal(m('{"name":{"^we$":true}}'), false);
  assert.equal(m('{"name":{"db":true,"web":true}}'), true, 'values of one key are ORed');
  assert.equal(m('{"label":{"tier=web":true}}'), true);
  assert.equal(m('{"label":{"tier=web":true,"other":true}}'), false, 'labels are ANDed');
  assert.equal(m('{"status":{"running":true}}'), true);
  assert.equal(m('{"status":{"exited":true}}'), false);
  assert.equal(m('{"id":{"aaaa":true}}'), true);
  assert.equal(m('{"network":{"bridge":true}}'), true);
  assert.equal(m('{"network":{"host":true}}'), false);
  assert.equal(m('{"ancestor":{"busybox:1":true}}'), true);
  assert.equal(m('{"exited":{"0":true}}'), false);
  assert.equal(nameMatches('(a+)+$', 'web'), false, 'no regexp engine: literal');
});

test('list Command quotes arguments with spaces as dockerd does', () => {
  assert.equal(listCommand(['sh', '-c', 'echo a; sleep 1']), "sh -c 'echo a; sleep 1'");
  assert.equal(listCommand(['/bin/my app', 'x']), '/bin/my app x');
  assert.equal(listCommand(['sleep', '10']), 'sleep 10');
});

test('the network filter matches any of a container’s networks, by name or ID prefix', () => {
  const rec = record({
    network: {
      mode: 'bridge',
      netnsPath: '/n',
      ip: '10.89.0.2',
      gateway: '10.89.0.1',
      ports: [],
      endpoints: [
        {
          networkId: 'c'.repeat(64),
          network: 'app',
          ifname: 'eth0',
          ip: '10.89.0.2',
          prefixLen: 24,
          gateway: '10.89.0.1',
          mac: null,
          aliases: [],
          ipv4Address: null,
          defaultRoute: true,
          dnsServer: '10.89.0.1',
        },
      ],
    },
  });
  const m = (json: string) =>
    containerMatches(rec, parseFilters(json, CONTAINER_LIST_FILTERS), () => false, naming);
  assert.equal(m('{"network":{"app":true}}'), true);
  assert.equal(m('{"network":{"ccccc":true}}'), true);
  assert.equal(m('{"network":{"bridge":true}}'), false);
  assert.deepEqual(
    Object.keys(toDockerSummary(rec, now, (n) => n, naming).NetworkSettings.Networks),
    ['app'],
  );
});
