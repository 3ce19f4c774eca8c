import { test } from 'node:test';
import assert from 'node:assert/strict';
import { digestOf } from './image-fixtures.js';
import { deleteItems, isIdReference, isSingleReference, planImageDelete } from './image-delete.js';

const id = digestOf('config');
const hex = id.slice(7);
const bb = 'docker.io/library/busybox:latest';
const bbDigest = `docker.io/library/busybox@${digestOf('m')}`;
const img = (repoTags: string[], repoDigests: string[] = []) => ({ id, repoTags, repoDigests });
const stopped = { id: 'c'.repeat(64), running: false };
const running = { id: 'd'.repeat(64), running: true };

const conflict = (re: RegExp) => (e: Error & { code?: string }) =>
  e.code === 'FAILED_PRECONDITION' && re.test(e.message);

test('ID references', () => {
  assert.ok(isIdReference(hex.slice(0, 12), id));
  assert.ok(isIdReference(id, id));
  assert.ok(!isIdReference('busybox', id));
  assert.ok(!isIdReference('0000', `sha256:${'f'.repeat(64)}`));
});

test('single reference: one tag plus its repository’s digests', () => {
  assert.ok(isSingleReference([bb]));
  assert.ok(isSingleReference([bb, bbDigest]));
  assert.ok(!isSingleReference([bb, 'docker.io/library/other:1']));
  assert.ok(!isSingleReference([bb, `docker.io/library/other@${digestOf('m')}`]));
  assert.ok(!isSingleReference([]));
});

test('by tag with other tags left: untag only', () => {
  assert.deepEqual(planImageDelete(img([bb, 'docker.io/library/b2:1']), 'busybox', false, []), {
    untag: [bb],
    delete: false,
  });
});

test('by its last tag: the repository’s digests go too, then the image', () => {
  assert.deepEqual(planImageDelete(img([bb], [bbDigest]), 'busybox:latest', false, []), {
    untag: [bb, bbDigest],
    delete: true,
  });
});

test('by tag, used by a container: refused without force, naming the container', () => {
  assert.throws(
    () => planImageDelete(img([bb]), 'busybox', false, [stopped]),
    conflict(
      /unable to remove repository reference "busybox" \(must force\) - container cccccccccccc is using its referenced image [0-9a-f]{12}/,
    ),
  );
  assert.deepEqual(planImageDelete(img([bb]), 'busybox', true, [running]), {
    untag: [bb],
    delete: false,
  });
});

test('by ID: running container refuses even forced; stopped one needs force', () => {
  assert.throws(
    () => planImageDelete(img([bb]), hex.slice(0, 12), true, [running]),
    conflict(
      /unable to delete [0-9a-f]{12} \(cannot be forced\) - image is being used by running container dddddddddddd/,
    ),
  );
  assert.throws(
    () => planImageDelete(img([bb]), hex.slice(0, 12), false, [stopped]),
    conflict(/\(must be forced\) - image is being used by stopped container cccccccccccc/),
  );
  assert.deepEqual(planImageDelete(img([bb]), id, true, [stopped]), { untag: [bb], delete: false });
  assert.deepEqual(planImageDelete(img([bb]), id, false, []), { untag: [bb], delete: true });
});

test('by ID with names in several repositories: needs force', () => {
  const two = img([bb, 'docker.io/library/b2:1']);
  assert.throws(
    () => planImageDelete(two, hex, false, []),
    conflict(/\(must be forced\) - image is referenced in multiple repositories/),
  );
  assert.deepEqual(planImageDelete(two, hex, true, []), {
    untag: [bb, 'docker.io/library/b2:1'],
    delete: true,
  });
});

test('response items use short names', () => {
  assert.deepEqual(deleteItems([bb, bbDigest], [id]), [
    { Untagged: 'busybox:latest' },
    { Untagged: `busybox@${digestOf('m')}` },
    { Deleted: id },
  ]);
});
