import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isMountPoint, mountPoints } from './mountinfo.js';

const SAMPLE = [
  '22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw',
  '99 22 0:50 / /var/lib/berth/containers/abc/rootfs rw,relatime - overlay overlay rw,lowerdir=/x',
  '100 22 0:51 / /tmp/with\\040space rw - tmpfs tmpfs rw',
  '',
].join('\n');

test('mountPoints reads field 5 and unescapes octal', () => {
  assert.deepEqual(mountPoints(SAMPLE), [
    '/',
    '/var/lib/berth/containers/abc/rootfs',
    '/tmp/with space',
  ]);
});

test('isMountPoint matches whole paths only', () => {
  assert.equal(isMountPoint(SAMPLE, '/var/lib/berth/containers/abc/rootfs'), true);
  assert.equal(isMountPoint(SAMPLE, '/var/lib/berth/containers/abc'), false);
  assert.equal(isMountPoint(SAMPLE, '/tmp/with space'), true);
});
