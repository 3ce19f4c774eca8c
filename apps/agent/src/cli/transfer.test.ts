import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LayerProgress } from '@berth/protocol';
import { AgentError } from '../errors.js';
import type { AgentClient } from './client.js';
import { pullImage, pushImage } from './transfer.js';

const digest = `sha256:${'c'.repeat(64)}`;
const image = {
  id: digest,
  repoTags: ['r/x:1'],
  repoDigests: [],
  size: 1,
  created: null,
  platform: { os: 'linux', architecture: 'amd64' },
  dangling: false,
  layers: [],
};

/** A client whose stream replays `lines` through the real line schema. */
function replay(lines: unknown[]): AgentClient {
  return {
    get: () => Promise.reject(new Error('unused')),
    send: () => Promise.reject(new Error('unused')),
    async stream(_path, _body, schema, onLine) {
      for (const l of lines) onLine(schema.parse(l));
    },
  };
}

const progress: LayerProgress = { layer: digest, status: 'downloading', current: 1, total: 2 };

test('pull: progress lines go to the sink, the done line is the result', async () => {
  const seen: LayerProgress[] = [];
  const out = await pullImage(replay([progress, { done: true, image }]), { ref: 'r/x:1' }, (p) =>
    seen.push(p),
  );
  assert.deepEqual(out, image);
  assert.deepEqual(seen, [progress]);
});

test('an error line after progress becomes the coded error; a stream without result fails', async () => {
  await assert.rejects(
    pullImage(
      replay([progress, { error: { code: 'UNAUTHENTICATED', message: 'no' } }]),
      { ref: 'x' },
      () => {},
    ),
    (err) => err instanceof AgentError && err.code === 'UNAUTHENTICATED' && err.message === 'no',
  );
  await assert.rejects(
    pushImage(replay([progress]), 'x', () => {}),
    /without a result/,
  );
  const pushed = { ref: 'h/x:1', digest };
  assert.deepEqual(await pushImage(replay([{ done: true, pushed }]), 'h/x:1', () => {}), pushed);
});
