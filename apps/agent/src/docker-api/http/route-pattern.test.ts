import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compilePattern, matchPattern } from './route-pattern.js';

test('{x} is one segment; {x:.*} spans slashes; params are decoded', () => {
  const one = compilePattern('/containers/{name}/json');
  assert.deepEqual(matchPattern(one, '/containers/abc/json'), { name: 'abc' });
  assert.equal(matchPattern(one, '/containers/a/b/json'), null);
  assert.equal(matchPattern(one, '/containers/json'), null);
  const any = compilePattern('/images/{name:.*}/json');
  assert.deepEqual(matchPattern(any, '/images/127.0.0.1:5000/a/b:1/json'), {
    name: '127.0.0.1:5000/a/b:1',
  });
  assert.deepEqual(matchPattern(any, '/images/a%2Fb/json'), { name: 'a/b' });
});

test('literal parts are matched exactly (dots are not wildcards)', () => {
  const p = compilePattern('/system/df');
  assert.deepEqual(matchPattern(p, '/system/df'), {});
  assert.equal(matchPattern(p, '/system/dfx'), null);
  const dot = compilePattern('/a.b');
  assert.equal(matchPattern(dot, '/axb'), null);
});

test('a malformed percent escape is no match, not a throw', () => {
  const p = compilePattern('/containers/{name}/json');
  assert.equal(matchPattern(p, '/containers/%E0%A4%A/json'), null);
});
