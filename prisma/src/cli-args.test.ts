import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exitCodeFor, parseCliArgs } from './cli-args.js';
import { DbError, isDbError } from './errors.js';
import { defaultDatabaseUrl } from './default-url.js';

test('migrate with and without --url', () => {
  assert.deepEqual(parseCliArgs(['migrate']), { command: 'migrate', url: undefined });
  assert.deepEqual(parseCliArgs(['migrate', '--url', 'file:/x.db']), {
    command: 'migrate',
    url: 'file:/x.db',
  });
  assert.deepEqual(parseCliArgs(['migrate', '--url=postgres://h/d']), {
    command: 'migrate',
    url: 'postgres://h/d',
  });
});

test('help and bad usage', () => {
  assert.deepEqual(parseCliArgs([]), { command: 'help' });
  assert.deepEqual(parseCliArgs(['--help']), { command: 'help' });
  for (const argv of [
    ['frob'],
    ['migrate', '--url'],
    ['migrate', '--url', '--x'],
    ['migrate', 'extra'],
  ]) {
    assert.throws(
      () => parseCliArgs(argv),
      (err: unknown) => isDbError(err, 'INVALID_ARGUMENT'),
    );
  }
});

test('exit codes: 2 for usage, 1 for the rest', () => {
  assert.equal(exitCodeFor(new DbError('INVALID_ARGUMENT', 'x')), 2);
  assert.equal(exitCodeFor(new DbError('UNAVAILABLE', 'x')), 1);
  assert.equal(exitCodeFor(new Error('x')), 1);
});

test('default URL: DATABASE_URL, else <repo>/data/berth.db', () => {
  assert.equal(defaultDatabaseUrl({ DATABASE_URL: 'postgres://h/d' }, '/repo'), 'postgres://h/d');
  assert.equal(defaultDatabaseUrl({ DATABASE_URL: '  ' }, '/repo'), 'file:/repo/data/berth.db');
  assert.equal(defaultDatabaseUrl({}, '/repo'), 'file:/repo/data/berth.db');
});
