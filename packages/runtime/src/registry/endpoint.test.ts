import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isLoopbackHost, registryBaseUrl, repositoryScope } from './endpoint.js';
import { isRetryableStatus } from './retry.js';

test('loopback hosts use plain http, others https unless insecure', () => {
  for (const h of ['localhost', 'localhost:5000', '127.0.0.1:5000', '127.3.4.5', '[::1]:5000'])
    assert.ok(isLoopbackHost(h), h);
  for (const h of ['docker.io', '128.0.0.1', 'localhost.example.com', '[::2]:5000'])
    assert.ok(!isLoopbackHost(h), h);
  assert.equal(registryBaseUrl('127.0.0.1:5000'), 'http://127.0.0.1:5000');
  assert.equal(registryBaseUrl('docker.io'), 'https://registry-1.docker.io');
  assert.equal(registryBaseUrl('reg.lan:5000', ['reg.lan:5000']), 'http://reg.lan:5000');
  assert.equal(registryBaseUrl('reg.lan:5000'), 'https://reg.lan:5000');
});

test('scopes and retry policy', () => {
  assert.equal(repositoryScope('library/a', ['pull', 'push']), 'repository:library/a:pull,push');
  assert.ok(
    isRetryableStatus(503) &&
      isRetryableStatus(429) &&
      !isRetryableStatus(404) &&
      !isRetryableStatus(401),
  );
});
