import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeVolume } from './volumes.js';

const ctx = { workingDir: '/srv/app', home: '/root' };

test('short syntax: named, bind (relative, absolute, ~), anonymous, modes', () => {
  assert.deepEqual(normalizeVolume('data:/var/lib/data', ctx, 'x'), {
    type: 'volume',
    source: 'data',
    target: '/var/lib/data',
    readOnly: false,
    nocopy: false,
  });
  assert.deepEqual(normalizeVolume('./conf:/etc/app:ro', ctx, 'x'), {
    type: 'bind',
    source: '/srv/app/conf',
    target: '/etc/app',
    readOnly: true,
    createHostPath: true,
  });
  assert.deepEqual(normalizeVolume('../shared:/shared', ctx, 'x'), {
    type: 'bind',
    source: '/srv/shared',
    target: '/shared',
    readOnly: false,
    createHostPath: true,
  });
  assert.deepEqual(normalizeVolume('/opt/x:/x:rw', ctx, 'x'), {
    type: 'bind',
    source: '/opt/x',
    target: '/x',
    readOnly: false,
    createHostPath: true,
  });
  assert.deepEqual(normalizeVolume('~/cache:/cache', ctx, 'x'), {
    type: 'bind',
    source: '/root/cache',
    target: '/cache',
    readOnly: false,
    createHostPath: true,
  });
  assert.deepEqual(normalizeVolume('/scratch', ctx, 'x'), {
    type: 'volume',
    source: null,
    target: '/scratch',
    readOnly: false,
    nocopy: false,
  });
  assert.deepEqual(normalizeVolume('data:/d:ro,nocopy', ctx, 'x'), {
    type: 'volume',
    source: 'data',
    target: '/d',
    readOnly: true,
    nocopy: true,
  });
});

test('long syntax', () => {
  assert.deepEqual(
    normalizeVolume(
      {
        type: 'bind',
        source: './x',
        target: '/x',
        read_only: true,
        bind: { create_host_path: false },
      },
      ctx,
      'x',
    ),
    { type: 'bind', source: '/srv/app/x', target: '/x', readOnly: true, createHostPath: false },
  );
  assert.deepEqual(normalizeVolume({ type: 'volume', source: 'db', target: '/db/' }, ctx, 'x'), {
    type: 'volume',
    source: 'db',
    target: '/db',
    readOnly: false,
    nocopy: false,
  });
  assert.deepEqual(
    normalizeVolume(
      { type: 'tmpfs', target: '/t', tmpfs: { size: '64m', mode: 0o1777 } },
      ctx,
      'x',
    ),
    { type: 'tmpfs', target: '/t', size: 64 * 1024 ** 2, mode: 0o1777 },
  );
});

test('bad volumes are errors', () => {
  assert.throws(
    () => normalizeVolume('data:relative', ctx, 'services.a.volumes[0]'),
    /services\.a\.volumes\[0\]: the target "relative" must be an absolute path/,
  );
  assert.throws(() => normalizeVolume('data:/', ctx, 'x'), /cannot be \//);
  assert.throws(() => normalizeVolume('data:/d:rx', ctx, 'x'), /unknown volume mode "rx"/);
  assert.throws(
    () => normalizeVolume('~/x:/x', { workingDir: '/w', home: null }, 'x'),
    /needs HOME/,
  );
});
