import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseEnv, EnvError } from './env.js';

test('defaults: loopback, port 3000, sqlite under <repo>/data, public URL from host and port', () => {
  const env = parseEnv({}, '/repo');
  assert.equal(env.databaseUrl, 'file:/repo/data/berth.db');
  assert.equal(env.port, 3000);
  assert.equal(env.host, '127.0.0.1');
  assert.equal(env.publicUrl, 'http://127.0.0.1:3000');
  assert.deepEqual(env.allowedOrigins, ['http://127.0.0.1:3000']);
  assert.equal(env.tls, null);
  assert.equal(env.sessionTtlMs, 12 * 3_600_000);
  assert.equal(env.nodeEnv, 'production');
});

test('TLS switches the default public URL to https; explicit values win', () => {
  const env = parseEnv(
    { BERTH_TLS_CERT: '/c.pem', BERTH_TLS_KEY: '/k.pem', PORT: '8443', HOST: '::1' },
    '/r',
  );
  assert.equal(env.publicUrl, 'https://[::1]:8443');
  const env2 = parseEnv({ BERTH_PUBLIC_URL: 'https://berth.example.com/' }, '/r');
  assert.equal(env2.publicUrl, 'https://berth.example.com');
});

test('every bad variable is listed in one error', () => {
  assert.throws(
    () =>
      parseEnv(
        {
          PORT: 'abc',
          DATABASE_URL: 'mysql://x',
          SESSION_TTL_HOURS: '-1',
          BERTH_ADMIN_PASSWORD: 'short',
        },
        '/r',
      ),
    (e: unknown) => {
      assert.ok(e instanceof EnvError);
      const text = e.problems.join('\n');
      for (const v of ['PORT', 'DATABASE_URL', 'SESSION_TTL_HOURS', 'BERTH_ADMIN_PASSWORD']) {
        assert.match(text, new RegExp(v));
      }
      return true;
    },
  );
});

test('TLS cert without key and bad extra origins are refused', () => {
  assert.throws(() => parseEnv({ BERTH_TLS_CERT: '/c.pem' }, '/r'), /BERTH_TLS_KEY/);
  assert.throws(
    () => parseEnv({ BERTH_ALLOWED_ORIGINS: 'http://ok:1,not an origin' }, '/r'),
    /not an origin/,
  );
});

test('the secret key: BERTH_SECRET_KEY (hex or base64), else a file beside the SQLite database', () => {
  assert.deepEqual(parseEnv({}, '/repo').secretKey, { file: '/repo/data/secret.key' });
  assert.deepEqual(parseEnv({ DATABASE_URL: 'file:/srv/b/berth.db' }, '/r').secretKey, {
    file: '/srv/b/secret.key',
  });
  assert.deepEqual(parseEnv({ DATABASE_URL: 'postgresql://u@h/db' }, '/r').secretKey, {
    file: '/r/data/secret.key',
  });
  assert.deepEqual(parseEnv({ BERTH_SECRET_KEY_FILE: '/etc/berth/key' }, '/r').secretKey, {
    file: '/etc/berth/key',
  });
  const hex = 'ab'.repeat(32);
  assert.deepEqual(parseEnv({ BERTH_SECRET_KEY: hex }, '/r').secretKey, {
    key: Buffer.from(hex, 'hex'),
  });
  const b64 = Buffer.alloc(32, 7).toString('base64');
  assert.deepEqual(parseEnv({ BERTH_SECRET_KEY: b64 }, '/r').secretKey, {
    key: Buffer.alloc(32, 7),
  });
  assert.throws(() => parseEnv({ BERTH_SECRET_KEY: 'too-short' }, '/r'), /BERTH_SECRET_KEY/);
});
