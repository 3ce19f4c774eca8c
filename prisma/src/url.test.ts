import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDatabaseUrl, redactUrl } from './url.js';
import { isDbError } from './errors.js';

test('file: URLs choose SQLite and become absolute', () => {
  assert.deepEqual(parseDatabaseUrl('file:/var/lib/berth/berth.db'), {
    provider: 'sqlite',
    url: 'file:/var/lib/berth/berth.db',
    filePath: '/var/lib/berth/berth.db',
  });
  assert.deepEqual(parseDatabaseUrl('file:./data/b.db', '/srv/berth'), {
    provider: 'sqlite',
    url: 'file:/srv/berth/data/b.db',
    filePath: '/srv/berth/data/b.db',
  });
  assert.equal(parseDatabaseUrl('file:///tmp/x.db').url, 'file:/tmp/x.db');
});

test('postgresql:// and postgres:// choose PostgreSQL, URL kept as given', () => {
  for (const url of [
    'postgresql://u:p@127.0.0.1:5432/berth',
    'postgres://db.local/berth?sslmode=disable',
  ]) {
    assert.deepEqual(parseDatabaseUrl(url), { provider: 'postgresql', url });
  }
});

test('bad URLs are INVALID_ARGUMENT DbErrors', () => {
  const bad: unknown[] = [
    '',
    '   ',
    42,
    undefined,
    'mysql://x/y',
    'sqlite:/tmp/x.db',
    'file:',
    'file:/tmp/dir/',
    'file::memory:',
    'file:/tmp/x.db?mode=ro',
    'postgresql://',
  ];
  for (const input of bad) {
    assert.throws(
      () => parseDatabaseUrl(input),
      (err: unknown) => isDbError(err, 'INVALID_ARGUMENT'),
      `should reject ${String(input)}`,
    );
  }
});

test('redactUrl hides PostgreSQL passwords only', () => {
  assert.equal(
    redactUrl('postgresql://berth:s3cret@h:5432/db'),
    'postgresql://berth:***@h:5432/db',
  );
  assert.equal(redactUrl('postgresql://berth@h/db'), 'postgresql://berth@h/db');
  assert.equal(redactUrl('file:/tmp/x.db'), 'file:/tmp/x.db');
});
