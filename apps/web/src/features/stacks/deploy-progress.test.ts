import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyProgress,
  endProgress,
  initialProgress,
  serviceOfContainer,
  type ProgressContext,
} from './deploy-progress.js';

const ctx: ProgressContext = {
  project: 'shop',
  images: { web: 'reg/web:1', app: 'reg/base:1', db: 'reg/base:1' },
  healthchecks: new Set(['db']),
};

test('container names map to services by Compose naming', () => {
  assert.equal(serviceOfContainer('shop', 'shop-web-1'), 'web');
  assert.equal(serviceOfContainer('shop', 'shop-my-api-12'), 'my-api');
  assert.equal(serviceOfContainer('shop', 'other-web-1'), null);
  assert.equal(serviceOfContainer('shop', 'shop-web'), null);
});

test('a deploy: pull, create, start, healthy per service; an image shared by two services', () => {
  const events = [
    { kind: 'image', name: 'reg/base:1', status: 'Pulling' },
    { kind: 'image', name: 'reg/base:1', status: 'Pulled' },
    { kind: 'network', name: 'shop_default', status: 'Created' },
    { kind: 'container', name: 'shop-db-1', status: 'Created' },
    { kind: 'container', name: 'shop-db-1', status: 'Started' },
    { kind: 'container', name: 'shop-app-1', status: 'Recreate (config changed)' },
    { kind: 'container', name: 'shop-app-1', status: 'Created' },
    { kind: 'container', name: 'shop-app-1', status: 'Started' },
    { kind: 'container', name: 'shop-web-1', status: 'Running' },
    { kind: 'container', name: 'shop-db-1', status: 'Healthy' },
  ] as const;
  let p = initialProgress(ctx);
  for (const e of events) p = applyProgress(p, e, ctx);
  p = endProgress(p, { outcome: 'done', error: null });
  const by = Object.fromEntries(p.services.map((s) => [s.service, s.phases]));
  assert.deepEqual(by.db, { pull: 'done', create: 'done', start: 'done', healthy: 'done' });
  assert.deepEqual(by.app, { pull: 'done', create: 'done', start: 'done', healthy: 'skipped' });
  assert.deepEqual(by.web, {
    pull: 'skipped',
    create: 'skipped',
    start: 'done',
    healthy: 'skipped',
  });
  assert.deepEqual(p.other, ['Network shop_default Created']);
  assert.equal(p.state, 'done');
});

test('a failed deploy marks the step in progress as failed', () => {
  let p = initialProgress(ctx);
  p = applyProgress(p, { kind: 'container', name: 'shop-db-1', status: 'Created' }, ctx);
  p = endProgress(p, { outcome: 'failed', error: 'port is already allocated' });
  const db = p.services.find((s) => s.service === 'db')!;
  assert.deepEqual(db.phases, {
    pull: 'waiting',
    create: 'done',
    start: 'failed',
    healthy: 'waiting',
  });
  assert.equal(p.state, 'failed');
  assert.equal(p.error, 'port is already allocated');
});
