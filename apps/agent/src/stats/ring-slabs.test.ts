import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ColumnRing } from './column-ring.js';
import { RingSlabs } from './ring-slabs.js';

test('slots are 8-byte aligned, carved from shared slabs and reused once given back', () => {
  const slabs = new RingSlabs(100, 1000); // 104-byte slots, 9 per slab
  assert.equal(slabs.slotBytes, 104);
  assert.equal(slabs.slotsPerSlab, 9);
  const taken = Array.from({ length: 10 }, () => slabs.take());
  assert.equal(slabs.slabs, 2);
  assert.ok(taken.every((s) => s.byteOffset % 8 === 0));
  const first = taken.filter((s) => s.buffer === taken[0]!.buffer);
  assert.equal(new Set(first.map((s) => s.byteOffset)).size, 9, 'distinct slots of one slab');
  slabs.give(taken[3]!);
  assert.equal(slabs.take(), taken[3], 'a given-back slot is taken again');
  assert.equal(slabs.slabs, 2);
});

test('rings in neighbouring slots keep their own rows', () => {
  const fields = ['a', 'b'] as const;
  const slabs = new RingSlabs(ColumnRing.bytes(fields, 4, ['a']));
  const [r1, r2] = [slabs.take(), slabs.take()].map(
    (storage) => new ColumnRing(fields, 4, { float32: ['a'], storage }),
  );
  for (let t = 1; t <= 6; t++) {
    r1!.push({ at: t, a: t, b: -t });
    r2!.push({ at: 100 + t, a: 10 * t, b: null });
  }
  assert.deepEqual(
    r1!.rows().map((r) => [r.at, r.a, r.b]),
    [3, 4, 5, 6].map((t) => [t, t, -t]),
  );
  assert.deepEqual(
    r2!.rows().map((r) => [r.at, r.a, r.b]),
    [3, 4, 5, 6].map((t) => [100 + t, 10 * t, null]),
  );
});
