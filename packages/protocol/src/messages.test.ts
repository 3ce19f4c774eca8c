import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseAgentEvent,
  parseRpcRequest,
  parseRpcResponse,
  parseJoinToken,
  formatJoinToken,
  ProtocolError,
  parseHandshakeRejection,
  formatHandshakeRejection,
} from './index.js';

const facts = {
  hostname: 'h1',
  kernel: '6.1.0',
  os: 'Debian GNU/Linux 12',
  arch: 'x64',
  cgroupVersion: 1,
  cpus: 2,
  memoryBytes: 1024,
  runtimes: { runc: '1.1.5', crun: null, conmon: '2.1.6' },
  agentVersion: '0.1.0',
};

test('a known agent event with a valid payload parses', () => {
  const ev = parseAgentEvent('agent.hello', { facts });
  assert.equal(ev.name, 'agent.hello');
  if (ev.name === 'agent.hello') assert.equal(ev.payload.facts.hostname, 'h1');
});

test('unknown agent events and malformed payloads are INVALID_ARGUMENT', () => {
  assert.throws(
    () => parseAgentEvent('agent.rm-rf', {}),
    (e: unknown) => e instanceof ProtocolError && e.code === 'INVALID_ARGUMENT',
  );
  assert.throws(
    () => parseAgentEvent('agent.hello', { facts: { ...facts, cpus: -1 } }),
    (e: unknown) =>
      e instanceof ProtocolError && e.code === 'INVALID_ARGUMENT' && /cpus/.test(e.message),
  );
  assert.throws(() => parseAgentEvent('__proto__', {}), ProtocolError);
});

test('rpc requests: unknown method is UNIMPLEMENTED, extra params rejected', () => {
  assert.deepEqual(parseRpcRequest({ method: 'system.ping', params: {} }).method, 'system.ping');
  assert.throws(
    () => parseRpcRequest({ method: 'nope' }),
    (e: unknown) => e instanceof ProtocolError && e.code === 'UNIMPLEMENTED',
  );
  assert.throws(
    () => parseRpcRequest({ method: 'system.ping', params: { x: 1 } }),
    (e: unknown) => e instanceof ProtocolError && e.code === 'INVALID_ARGUMENT',
  );
  assert.throws(() => parseRpcRequest('garbage'), ProtocolError);
});

test('rpc responses: errors are rethrown with their code, bad results are INTERNAL', () => {
  assert.deepEqual(parseRpcResponse('system.ping', { ok: true, result: { ts: 5 } }), { ts: 5 });
  assert.throws(
    () =>
      parseRpcResponse('system.ping', { ok: false, error: { code: 'NOT_FOUND', message: 'x' } }),
    (e: unknown) => e instanceof ProtocolError && e.code === 'NOT_FOUND',
  );
  assert.throws(
    () => parseRpcResponse('system.ping', { ok: true, result: { ts: 'x' } }),
    (e: unknown) => e instanceof ProtocolError && e.code === 'INTERNAL',
  );
});

test('join tokens round-trip and reject garbage', () => {
  const t = { tokenId: 'abcdefgh12', secret: 'x'.repeat(43), fingerprint: 'a'.repeat(64) };
  assert.deepEqual(parseJoinToken(formatJoinToken(t)), t);
  assert.deepEqual(parseJoinToken(formatJoinToken({ ...t, fingerprint: null })).fingerprint, null);
  assert.throws(() => parseJoinToken('bjt1.short.x'));
  assert.throws(() => parseJoinToken('bjt1.abcdefgh12.' + 'x'.repeat(43) + '.nothex'));
});

test('handshake rejections are recognised only at the start of the message', () => {
  assert.equal(parseHandshakeRejection(formatHandshakeRejection('REVOKED', 'host h1')), 'REVOKED');
  assert.equal(parseHandshakeRejection('UNAUTHENTICATED'), 'UNAUTHENTICATED');
  assert.equal(parseHandshakeRejection('UNAUTHENTICATEDX: no'), null);
  assert.equal(parseHandshakeRejection('xhr poll error'), null);
  assert.equal(parseHandshakeRejection('timeout: REVOKED'), null);
});
