import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ContainerEventSchema, ContainerSummarySchema } from '@berth/protocol';
import { syntheticContainer, syntheticLoad, toggled } from './synthetic.js';

const now = new Date('2026-11-29T06:00:00Z');

test('synthetic containers are valid, distinct and stable', () => {
  const a = syntheticContainer(7, now);
  assert.equal(ContainerSummarySchema.safeParse(a).success, true);
  assert.equal(a.name, 'sim-0007');
  assert.notEqual(a.id, syntheticContainer(8, now).id);
  assert.equal(a.id, syntheticContainer(7, now).id);
});

test('toggled flips the state and emits a valid matching event', () => {
  const running = syntheticContainer(1, now);
  const [exited, die] = toggled(running, now);
  assert.equal(exited.state, 'exited');
  assert.equal(die.type, 'die');
  assert.equal(ContainerSummarySchema.safeParse(exited).success, true);
  assert.equal(ContainerEventSchema.safeParse(die).success, true);
  const [again, start] = toggled(exited, now);
  assert.equal(again.state, 'running');
  assert.equal(start.type, 'start');
});

test('synthetic load changes from tick to tick and stays in range', () => {
  const a = syntheticLoad(3, 1);
  const b = syntheticLoad(3, 2);
  assert.notDeepEqual(a, b);
  for (let t = 0; t < 50; t++) {
    const l = syntheticLoad(t, t);
    assert.ok(l.cpuPercent >= 0 && l.cpuPercent <= 100);
  }
});
