import { test } from 'node:test';
import assert from 'node:assert/strict';
import { record } from './fixtures.js';
import { parseFilters } from './filters.js';
import {
  CONTAINER_LIST_FILTERS,
  containerMatches,
  humanDuration,
  listCommand,
  nameMatches,
  statusText,
  toDockerSummary,
} from './list.js';

const now = new Date('2026-01-01T01:00:01.000Z');

test('summary: names with a slash, command line, ports, status text', () => {
  const s = toDockerSummary(record(), now, (n) => `/v/${n}`);
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
  assert.equal(humanDuration(500), 'Less than a second');
  assert.equal(humanDuration(90_000), 'About a minute');
  assert.equal(humanDuration(150_000), '2 minutes');
  assert.equal(humanDuration(3 * 86400_000), '3 days');
});

test('filters: name (plain and anchored), label, status, id, network, exited, ancestor', () => {
  const rec = record();
  const m = (json: string) =>
    containerMatches(rec, parseFilters(json, CONTAINER_LIST_FILTERS), (v) => v === 'busybox:1');
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
