import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isLoopbackHost, parseServerAddress } from './transport.js';
import { AgentError } from '../errors.js';

test('loopback hosts', () => {
  for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '[::1]', '::1', '::ffff:127.0.0.1']) {
    assert.equal(isLoopbackHost(h), true, h);
  }
  for (const h of [
    '10.0.0.1',
    '128.0.0.1',
    'example.com',
    '::2',
    'localhost.example.com',
    '0.0.0.0',
  ]) {
    assert.equal(isLoopbackHost(h), false, h);
  }
});

test('plaintext is allowed to loopback only, unless insecure', () => {
  assert.deepEqual(parseServerAddress('http://127.0.0.1:3000', false), {
    origin: 'http://127.0.0.1:3000',
    secure: false,
    loopback: true,
  });
  assert.equal(parseServerAddress('ws://[::1]:80/', false).origin, 'http://[::1]');
  const refused = (u: string) =>
    assert.throws(
      () => parseServerAddress(u, false),
      (e: unknown) =>
        e instanceof AgentError && e.code === 'INVALID_ARGUMENT' && /plaintext/.test(e.message),
      u,
    );
  refused('ws://192.0.2.1:3000');
  refused('http://web.example.com');
  assert.equal(parseServerAddress('ws://192.0.2.1:3000', true).origin, 'http://192.0.2.1:3000');
});

test('https is always allowed and wss is normalised', () => {
  assert.deepEqual(parseServerAddress('wss://web.example.com:8443', false), {
    origin: 'https://web.example.com:8443',
    secure: true,
    loopback: false,
  });
});

test('garbage, other schemes, paths and credentials are refused', () => {
  for (const u of [
    'not a url',
    'ftp://x',
    'https://u:p@x',
    'https://x/base',
    'https://x/?a=1',
    'file:///etc',
  ]) {
    assert.throws(() => parseServerAddress(u, true), AgentError, u);
  }
});
