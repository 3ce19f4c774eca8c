import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inPeoplesWords, memoryBelowUsage, peopleWords } from './people-words.js';

const runcUpdate =
  '/usr/sbin/runc --root /run/berth/runc update --memory 6291456 --memory-swap 12582912 0123abcd: exit 1: time="2026-12-06T02:42:43Z" level=error msg="unable to set memory limit to 6291456 (current usage: 33554432, peak usage: 34078720)"\n';

test('a failed runtime command reads as what runc said, the original kept as detail', () => {
  const w = peopleWords(runcUpdate);
  assert.equal(
    w?.message,
    'update failed: unable to set memory limit to 6291456 (current usage: 33554432, peak usage: 34078720)',
  );
  assert.equal(w?.detail, runcUpdate);
  const create =
    'start broken: create failed: time="2026-12-06T02:42:43Z" level=error msg="runc create failed: unable to start container process: exec: \\"/no/such\\": stat /no/such: no such file or directory"';
  assert.equal(
    peopleWords(create)?.message,
    'start broken: create failed: runc create failed: unable to start container process: exec: "/no/such": stat /no/such: no such file or directory',
  );
  assert.equal(peopleWords('no such container: web'), null, 'plain words stay as they are');
});

test('inPeoplesWords keeps the code and other details', () => {
  const wire = inPeoplesWords({ code: 'INTERNAL', message: runcUpdate, details: { x: 1 } });
  assert.equal(wire.code, 'INTERNAL');
  assert.deepEqual(wire.details, { x: 1, detail: runcUpdate });
  const plain = { code: 'NOT_FOUND' as const, message: 'gone' };
  assert.equal(inPeoplesWords(plain), plain);
});

test('a memory limit below usage, in words with sizes', () => {
  assert.equal(
    memoryBelowUsage(runcUpdate, 'web'),
    'The memory limit 6 MiB is below what web uses now (32 MiB): choose a higher limit, or stop the container and set it then.',
  );
  assert.equal(memoryBelowUsage('something else', 'web'), null);
});
