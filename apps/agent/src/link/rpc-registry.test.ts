import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RpcRegistry } from './rpc-registry.js';
import { AgentError } from '../errors.js';

const registry = () => new RpcRegistry().register('system.ping', () => ({ ts: 42 }));

test('a known method with valid params round-trips', async () => {
  assert.deepEqual(await registry().dispatch({ method: 'system.ping', params: {} }), {
    ok: true,
    result: { ts: 42 },
  });
  assert.deepEqual(await registry().dispatch({ method: 'system.ping' }), {
    ok: true,
    result: { ts: 42 },
  });
});

test('malformed requests are error responses, not crashes', async () => {
  for (const raw of [
    undefined,
    null,
    'garbage',
    42,
    [],
    { method: 7 },
    { method: 'x'.repeat(500) },
  ]) {
    const res = await registry().dispatch(raw);
    assert.equal(res.ok, false, JSON.stringify(raw));
    if (!res.ok) assert.equal(res.error.code, 'INVALID_ARGUMENT');
  }
  const bad = await registry().dispatch({ method: 'system.ping', params: { extra: true } });
  assert.equal(bad.ok, false);
  if (!bad.ok) assert.match(bad.error.message, /bad params/);
});

test('unknown and unregistered methods are UNIMPLEMENTED', async () => {
  for (const method of ['nope', 'system.info', '__proto__', 'constructor']) {
    const res = await registry().dispatch({ method });
    assert.equal(res.ok, false);
    if (!res.ok) assert.equal(res.error.code, 'UNIMPLEMENTED', method);
  }
});

test('handler errors keep their code; foreign errors become a generic INTERNAL', async () => {
  const r = new RpcRegistry()
    .register('system.ping', () => {
      throw new AgentError('UNAVAILABLE', 'engine busy');
    })
    .register('system.info', () => {
      throw new TypeError('secret internals at /root');
    });
  assert.deepEqual(await r.dispatch({ method: 'system.ping' }), {
    ok: false,
    error: { code: 'UNAVAILABLE', message: 'engine busy' },
  });
  assert.deepEqual(await r.dispatch({ method: 'system.info' }), {
    ok: false,
    error: { code: 'INTERNAL', message: 'internal error' },
  });
});

test('a handler returning a malformed result is INTERNAL; double registration is refused', async () => {
  const r = new RpcRegistry().register(
    'system.ping',
    () => ({ ts: 'soon' }) as unknown as { ts: number },
  );
  const res = await r.dispatch({ method: 'system.ping' });
  assert.equal(res.ok, false);
  if (!res.ok) assert.equal(res.error.code, 'INTERNAL');
  assert.throws(() => r.register('system.ping', () => ({ ts: 1 })), AgentError);
});
