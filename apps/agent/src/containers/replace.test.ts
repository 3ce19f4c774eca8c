import { test } from 'node:test';
import assert from 'node:assert/strict';
import { portClash, replacementRequest } from './replace.js';

test('a replacement keeps the old name; a request naming another container is refused', () => {
  assert.deepEqual(replacementRequest('web', { image: 'busybox' }), {
    image: 'busybox',
    name: 'web',
  });
  assert.deepEqual(replacementRequest('web', { image: 'busybox', name: 'web' }).name, 'web');
  assert.throws(
    () => replacementRequest('web', { image: 'busybox', name: 'web-2' }),
    (err: Error & { code?: string }) =>
      err.code === 'INVALID_ARGUMENT' && /keeps the name "web"/.test(err.message),
  );
});

test('a port another container holds is a clash before anything changes; the old one’s own are free', () => {
  const rec = (id: string, hostPort: number, state: 'running' | 'removing' = 'running') => ({
    id,
    state,
    network: {
      mode: 'bridge' as const,
      netnsPath: null,
      ip: null,
      gateway: null,
      endpoints: [],
      ports: [{ hostIp: '0.0.0.0', hostPort, containerPort: 80, protocol: 'tcp' as const }],
    },
  });
  const records = [rec('old', 8080), rec('other', 8081), rec('going', 8082, 'removing')];
  const req = (ports: string[]) => ({ image: 'busybox', ports });
  assert.equal(portClash(req(['8080:80']), 'old', records), null);
  assert.equal(portClash(req(['8082:80']), 'old', records), null);
  assert.match(portClash(req(['127.0.0.1:8081:80']), 'old', records) ?? '', /8081/);
});
