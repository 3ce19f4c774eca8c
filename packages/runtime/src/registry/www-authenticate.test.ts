import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseWwwAuthenticate } from './www-authenticate.js';

test('parses a bearer challenge with a comma inside a quoted scope', () => {
  assert.deepEqual(
    parseWwwAuthenticate(
      'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/busybox:pull,push"',
    ),
    [
      {
        scheme: 'bearer',
        params: {
          realm: 'https://auth.docker.io/token',
          service: 'registry.docker.io',
          scope: 'repository:library/busybox:pull,push',
        },
      },
    ],
  );
});

test('parses basic, unquoted values, spaces and escapes', () => {
  assert.deepEqual(parseWwwAuthenticate('Basic realm="test-registry"'), [
    { scheme: 'basic', params: { realm: 'test-registry' } },
  ]);
  assert.deepEqual(parseWwwAuthenticate('bearer realm=http://x/t , service = "a\\"b"'), [
    { scheme: 'bearer', params: { realm: 'http://x/t', service: 'a"b' } },
  ]);
});

test('parses several challenges in one header', () => {
  const r = parseWwwAuthenticate('Basic realm="a", Bearer realm="b",service="c"');
  assert.deepEqual(
    r.map((c) => c.scheme),
    ['basic', 'bearer'],
  );
  assert.equal(r[1]!.params.service, 'c');
});

test('tolerates garbage', () => {
  assert.deepEqual(parseWwwAuthenticate(''), []);
  assert.deepEqual(parseWwwAuthenticate('Negotiate'), [{ scheme: 'negotiate', params: {} }]);
});
