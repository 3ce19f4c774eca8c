import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  familiarName,
  formatReference,
  parseReference,
  tagName,
  manifestReference,
} from './reference.js';
import { isRuntimeError } from '../errors.js';

const D = 'sha256:ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff';

const good: Array<[string, string, string, string | undefined, string | undefined]> = [
  // input, registry, repository, tag, digest — cases from distribution/reference's normalize_test.go
  ['busybox', 'docker.io', 'library/busybox', 'latest', undefined],
  ['test_com', 'docker.io', 'library/test_com', 'latest', undefined],
  ['test.com:tag', 'docker.io', 'library/test.com', 'tag', undefined],
  ['test.com:5000', 'docker.io', 'library/test.com', '5000', undefined],
  ['test.com/repo:tag', 'test.com', 'repo', 'tag', undefined],
  ['test:5000/repo', 'test:5000', 'repo', 'latest', undefined],
  ['test:5000/repo:tag', 'test:5000', 'repo', 'tag', undefined],
  [`test:5000/repo@${D}`, 'test:5000', 'repo', undefined, D],
  [`test:5000/repo:tag@${D}`, 'test:5000', 'repo', 'tag', D],
  ['lowercase:Uppercase', 'docker.io', 'library/lowercase', 'Uppercase', undefined],
  ['sub-dom1.foo.com/bar/baz/quux', 'sub-dom1.foo.com', 'bar/baz/quux', 'latest', undefined],
  [
    'sub-dom1.foo.com/bar/baz/quux:some-long-tag',
    'sub-dom1.foo.com',
    'bar/baz/quux',
    'some-long-tag',
    undefined,
  ],
  [
    'b.gcr.io/test.example.com/my-app:test.example.com',
    'b.gcr.io',
    'test.example.com/my-app',
    'test.example.com',
    undefined,
  ],
  ['xn--n3h.com/myimage:xn--n3h.com', 'xn--n3h.com', 'myimage', 'xn--n3h.com', undefined],
  ['foo_bar.com:8080', 'docker.io', 'library/foo_bar.com', '8080', undefined],
  ['foo/foo_bar.com:8080', 'docker.io', 'foo/foo_bar.com', '8080', undefined],
  ['localhost/foo', 'localhost', 'foo', 'latest', undefined],
  ['localhost:5000/foo/bar:1.0', 'localhost:5000', 'foo/bar', '1.0', undefined],
  ['index.docker.io/busybox', 'docker.io', 'library/busybox', 'latest', undefined],
  ['docker.io/library/busybox:1.36', 'docker.io', 'library/busybox', '1.36', undefined],
  ['dmcgowan/myapp', 'docker.io', 'dmcgowan/myapp', 'latest', undefined],
  ['127.0.0.1:5000/app', '127.0.0.1:5000', 'app', 'latest', undefined],
  ['[::1]:5000/app:v1', '[::1]:5000', 'app', 'v1', undefined],
  ['Uppercase.com/repo', 'Uppercase.com', 'repo', 'latest', undefined],
  ['a/b__c/d-e--f.g', 'docker.io', 'a/b__c/d-e--f.g', 'latest', undefined],
];

for (const [input, registry, repository, tag, digest] of good) {
  test(`parses ${input}`, () => {
    const ref = parseReference(input);
    assert.deepEqual({ ...ref }, { registry, repository, tag, digest });
  });
}

const bad = [
  '',
  ':justtag',
  `@${D}`,
  'repo@sha256:ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
  'validname@invaliddigest:ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
  'Uppercase:tag',
  'docker.io/Library/busybox',
  'test:5000/Uppercase/lowercase:tag',
  'aa/asdf$$^/aa',
  'a/a/a/a/a/a/b/b/b/b//c',
  '-foo/bar',
  'foo/-bar',
  'foo/bar-',
  'foo..bar',
  'foo___bar',
  'repo:tag:tag',
  'repo:-tag',
  `repo:${'a'.repeat(129)}`,
  `${'a/'.repeat(128)}a`,
  'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
  'foo bar',
  'host:port:5000/repo',
  '-host.com/repo',
  'repo@md5:ffffffffffffffffffffffffffffffff',
];
for (const input of bad) {
  test(`rejects ${JSON.stringify(input)}`, () => {
    assert.throws(
      () => parseReference(input),
      (e) => isRuntimeError(e, 'INVALID_ARGUMENT') && e.message.includes('invalid reference'),
    );
  });
}

test('formats and shortens', () => {
  const r = parseReference('busybox');
  assert.equal(formatReference(r), 'docker.io/library/busybox:latest');
  assert.equal(familiarName(r), 'busybox:latest');
  assert.equal(familiarName(parseReference('user/app:2')), 'user/app:2');
  assert.equal(familiarName(parseReference('localhost:5000/app')), 'localhost:5000/app:latest');
  assert.equal(tagName(parseReference(`host:1/x@${D}`)), 'host:1/x:latest');
  assert.equal(manifestReference(parseReference(`host:1/x:t@${D}`)), D);
  assert.equal(manifestReference(parseReference('host:1/x:t')), 't');
});
