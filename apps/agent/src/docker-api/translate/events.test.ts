import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventMatches, toDockerEvent, volumeEvent } from './events.js';
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
