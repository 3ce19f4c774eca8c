import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ImageEngine } from '../../src/engine.js';
import {
  startRegistry,
  type TestRegistry,
  buildImage,
  pushTestImage,
  type TestImage,
} from '@berth/testkit';

let reg: TestRegistry;
let root: string;
let image: TestImage;

before(async () => {
  reg = await startRegistry();
  root = await mkdtemp(join(tmpdir(), 'berth-crash-'));
  const big = (n: number) => [{ name: `data/blob${n}`, data: randomBytes(24 * 1024 * 1024) }];
  image = await buildImage({ layers: [big(1), big(2), big(3), big(4)], compression: 'none' });
  await pushTestImage(`${reg.host}/big:1`, image);
});

after(async () => {
  await reg.stop();
  await rm(root, { recursive: true, force: true });
});

test('SIGKILL mid-pull leaves only leftovers that the next pull cleans up', async () => {
  const dataRoot = join(root, 'data');
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(import.meta.dirname, '../support/pull-child.ts'),
      dataRoot,
      `${reg.host}/big:1`,
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise<NodeJS.Signals | null>((r) => child.once('exit', (_c, sig) => r(sig)));
  let killedAt = '';
  for await (const line of createInterface({ input: child.stdout! })) {
    const ev = JSON.parse(line) as { status: string; layer?: string };
    if (ev.status === 'extracting' || ev.status === 'pulled') {
      killedAt = ev.status;
      process.kill(child.pid!, 'SIGKILL');
      break;
    }
  }
  const signal = await exited;
  assert.equal(killedAt, 'extracting', 'the child was killed during the pull');
  assert.equal(signal, 'SIGKILL');

  const engine = await ImageEngine.open({ dataRoot });
  assert.deepEqual(await engine.list(), [], 'no image record from the killed pull');
  const leftoverTmp = (await readdir(join(dataRoot, 'snapshots'))).filter((n) =>
    n.startsWith('.tmp-'),
  );
  assert.deepEqual(leftoverTmp, [], 'opening the engine removed temp snapshots');

  const pulled = await engine.pull(`${reg.host}/big:1`);
  assert.equal(pulled.id, image.configDigest);
  assert.equal((await engine.snapshots.list()).length, 4);
  assert.deepEqual(await readdir(join(dataRoot, 'content', 'ingest')), []);
  const names = await readdir(join(dataRoot, 'snapshots'));
  assert.equal(
    names.filter((n) => /^\d+$/.test(n)).length,
    4,
    `exactly the committed snapshots remain: ${names.join(' ')}`,
  );
  assert.deepEqual(
    names.filter((n) => !/^\d+$/.test(n)),
    ['metadata.json'],
  );
  const gc = await engine.gc();
  assert.deepEqual([gc.blobsRemoved, gc.snapshotsRemoved], [0, 0]);
});
