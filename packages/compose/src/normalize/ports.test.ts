import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizePorts } from './ports.js';

const p = (target: number, published: number | null, hostIp = '', protocol = 'tcp') => ({
  target,
  published,
  hostIp,
  protocol,
});

test('short syntax', () => {
  assert.deepEqual(normalizePorts('3000', 'x'), [p(3000, null)]);
  assert.deepEqual(normalizePorts(3000, 'x'), [p(3000, null)]);
  assert.deepEqual(normalizePorts('3000-3002', 'x'), [p(3000, null), p(3001, null), p(3002, null)]);
  assert.deepEqual(normalizePorts('8000:80', 'x'), [p(80, 8000)]);
  assert.deepEqual(normalizePorts('9090-9091:8080-8081', 'x'), [p(8080, 9090), p(8081, 9091)]);
  assert.deepEqual(normalizePorts('127.0.0.1:8001:8001', 'x'), [p(8001, 8001, '127.0.0.1')]);
  assert.deepEqual(normalizePorts('127.0.0.1::5000', 'x'), [p(5000, null, '127.0.0.1')]);
  assert.deepEqual(normalizePorts('6060:6060/udp', 'x'), [p(6060, 6060, '', 'udp')]);
  assert.deepEqual(normalizePorts('[::1]:6001:6001', 'x'), [p(6001, 6001, '::1')]);
});

test('long syntax', () => {
  assert.deepEqual(
    normalizePorts({ target: 80, published: '8080', host_ip: '127.0.0.1', protocol: 'udp' }, 'x'),
    [p(80, 8080, '127.0.0.1', 'udp')],
  );
  assert.deepEqual(normalizePorts({ target: 80 }, 'x'), [p(80, null)]);
});

test('malformed ports are errors naming the entry', () => {
  assert.throws(
    () => normalizePorts('70000:80', 'services.web.ports[0]'),
    /services\.web\.ports\[0\]: invalid port "70000"/,
  );
  assert.throws(() => normalizePorts('1-3:1-2', 'x'), /differ in length/);
  assert.throws(() => normalizePorts('80/sctp', 'x'), /protocol "sctp"/);
  assert.throws(() => normalizePorts('999.1.1.1:80:80', 'x'), /invalid host IP/);
  assert.throws(() => normalizePorts('a:b:c:d', 'x'), /invalid port/);
});
