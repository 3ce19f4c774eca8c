import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OverlaySnapshotter } from './overlay-snapshotter.js';
import { snapshotterContract } from './testsuite.js';

// The overlay layout itself (numbered dirs, crash leftovers, metadata) is tested in
// test/images/snapshot-order.test.ts; mounting the overlays in test/images/unpack-overlay.test.ts.

snapshotterContract('OverlaySnapshotter', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'berth-snapshots-'));
  return {
    snapshotter: new OverlaySnapshotter(join(dir, 'snapshots')),
    close: () => rm(dir, { recursive: true, force: true }),
  };
});
