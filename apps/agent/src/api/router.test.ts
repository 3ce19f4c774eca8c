import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchPath } from './router.js';

test('path patterns match segments and decode params', () => {
  const seg = ['v1', 'containers', ':id', 'start'];
  assert.deepEqual(matchPath(seg, '/v1/containers/abc/start'), { id: 'abc' });
  assert.deepEqual(matchPath(seg, '/v1/containers/a%20b/start/'), { id: 'a b' });
  assert.equal(matchPath(seg, '/v1/containers/abc'), null);
  assert.equal(matchPath(seg, '/v1/images/abc/start'), null);
  assert.equal(matchPath(seg, '/v1/containers/%E0%A4%A/start'), null);
  assert.deepEqual(matchPath(['v1', 'version'], '/v1/version'), {});
});
