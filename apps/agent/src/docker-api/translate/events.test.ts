import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EVENT_FILTERS, eventMatches, toDockerEvent, volumeEvent } from './events.js';
import { parseFilters } from './filters.js';

const die = toDockerEvent(
  {
    kind: 'container',
    type: 'die',
    id: 'c'.repeat(64),
    name: 'web',
    image: 'busybox',
    at: '2026-01-01T00:00:01.500Z',
    exitCode: 3,
  },
  { labels: { team: 'a' } },
);

test('container events carry Docker’s actor attributes and both times', () => {
  assert.equal(die.Type, 'container');
  assert.equal(die.Action, 'die');
  assert.equal(die.status, 'die');
  assert.deepEqual(die.Actor.Attributes, {
    team: 'a',
    image: 'busybox',
    name: 'web',
    exitCode: '3',
  });
  assert.equal(die.time, 1767225601);
  assert.equal(die.timeNano, 1767225601500 * 1e6);
  const pull = toDockerEvent(
    { kind: 'image', type: 'pull', id: 'sha256:x', ref: 'busybox:1', at: '2026-01-01T00:00:00Z' },
    null,
  );
  assert.equal(pull.Type, 'image');
  assert.equal(pull.Actor.ID, 'busybox:1');
});

test('event filters: type, event, container by name or id, label, image, volume', () => {
  const f = (json: string) =>
    parseFilters(json, ['type', 'container', 'event', 'label', 'image', 'volume']);
  assert.equal(eventMatches(die, f('{"type":{"container":true}}')), true);
  assert.equal(eventMatches(die, f('{"type":{"image":true}}')), false);
  assert.equal(eventMatches(die, f('{"event":{"start":true,"die":true}}')), true);
  assert.equal(eventMatches(die, f('{"container":{"web":true}}')), true);
  assert.equal(eventMatches(die, f('{"container":{"cccc":true}}')), true);
  assert.equal(eventMatches(die, f('{"label":{"team=a":true}}')), true);
  assert.equal(eventMatches(die, f('{"label":{"team=b":true}}')), false);
  assert.equal(eventMatches(die, f('{"image":{"busybox":true}}')), true);
  const v = volumeEvent('create', 'v1', new Date(0));
  assert.equal(eventMatches(v, f('{"volume":{"v1":true},"type":{"volume":true}}')), true);
  assert.equal(eventMatches(v, f('{"container":{"web":true}}')), false);
});

test('health and network events: dockerd’s action text, the network as the actor, its filter', () => {
  const health = toDockerEvent(
    {
      kind: 'container',
      type: 'health_status',
      id: 'c'.repeat(64),
      name: 'db',
      image: 'busybox',
      at: '2026-01-01T00:00:01.000Z',
      health: 'healthy',
    },
    null,
  );
  assert.equal(health.Action, 'health_status: healthy');
  assert.equal(
    eventMatches(health, parseFilters('{"event":{"health_status":true}}', EVENT_FILTERS)),
    true,
  );
  const connect = toDockerEvent(
    {
      kind: 'network',
      type: 'connect',
      id: 'n'.repeat(64),
      name: 'app',
      containerId: 'c'.repeat(64),
      at: '2026-01-01T00:00:01.000Z',
    },
    null,
  );
  assert.deepEqual(
    [connect.Type, connect.Action, connect.Actor.ID, connect.Actor.Attributes],
    [
      'network',
      'connect',
      'n'.repeat(64),
      { name: 'app', type: 'bridge', container: 'c'.repeat(64) },
    ],
  );
  const f = (json: string) => eventMatches(connect, parseFilters(json, EVENT_FILTERS));
  assert.equal(f('{"network":{"app":true}}'), true);
  assert.equal(f('{"network":{"nnnn":true}}'), true);
  assert.equal(f('{"network":{"other":true}}'), false);
  assert.equal(
    eventMatches(health, parseFilters('{"network":{"app":true}}', EVENT_FILTERS)),
    false,
  );
});
