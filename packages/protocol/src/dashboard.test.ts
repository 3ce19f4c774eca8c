import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseAgentEvent,
  parseRpcRequest,
  parseServerEvent,
  ProtocolError,
  STOP_DEADLINE_MARGIN_MS,
  STOP_TIMEOUT_MAX_SECONDS,
  stopDeadlineMs,
  TERMINAL_FRAME_MAX_BYTES,
} from './index.js';

const invalid = (e: unknown) => e instanceof ProtocolError && e.code === 'INVALID_ARGUMENT';

test('terminal.input: binary frames up to the max pass; strings, empty and oversized frames do not', () => {
  const ok = parseServerEvent('terminal.input', { sessionId: 's-1', data: Buffer.from('ls\r') });
  assert.equal(ok.name, 'terminal.input');
  const max = new Uint8Array(TERMINAL_FRAME_MAX_BYTES);
  assert.doesNotThrow(() => parseServerEvent('terminal.input', { sessionId: 's', data: max }));
  for (const data of [
    'ls\r',
    [108, 115],
    new Uint8Array(0),
    new Uint8Array(TERMINAL_FRAME_MAX_BYTES + 1),
    null,
  ]) {
    assert.throws(() => parseServerEvent('terminal.input', { sessionId: 's', data }), invalid);
  }
  assert.throws(
    () => parseServerEvent('terminal.input', { sessionId: '../x', data: Buffer.from('a') }),
    invalid,
  );
});

test('terminal.ack needs a positive integer byte count; terminal.data is bounded like input', () => {
  assert.doesNotThrow(() => parseServerEvent('terminal.ack', { sessionId: 's', bytes: 4096 }));
  for (const bytes of [0, -1, 1.5, '10', 2 ** 40]) {
    assert.throws(() => parseServerEvent('terminal.ack', { sessionId: 's', bytes }), invalid);
  }
  assert.doesNotThrow(() =>
    parseAgentEvent('terminal.data', { sessionId: 's', data: Buffer.from('x') }),
  );
  assert.throws(
    () =>
      parseAgentEvent('terminal.data', {
        sessionId: 's',
        data: Buffer.alloc(TERMINAL_FRAME_MAX_BYTES + 1),
      }),
    invalid,
  );
});

test('terminal.open: cmd defaults to /bin/sh, accepts "auto", rejects bad sizes and extra keys', () => {
  const base = { sessionId: 't1', containerId: 'web', cols: 80, rows: 24 };
  assert.deepEqual(parseRpcRequest({ method: 'terminal.open', params: base }).params, {
    ...base,
    cmd: ['/bin/sh'],
  });
  assert.doesNotThrow(() =>
    parseRpcRequest({ method: 'terminal.open', params: { ...base, cmd: 'auto' } }),
  );
  for (const bad of [
    { ...base, cols: 0 },
    { ...base, rows: 1001 },
    { ...base, cmd: [] },
    { ...base, cmd: 'bash' },
    { ...base, user: 'root; rm' },
    { ...base, shell: true },
  ]) {
    assert.throws(() => parseRpcRequest({ method: 'terminal.open', params: bad }), invalid);
  }
});

test('container and stats RPC params are validated', () => {
  assert.doesNotThrow(() =>
    parseRpcRequest({ method: 'container.stop', params: { ref: 'web', timeout: 3 } }),
  );
  assert.throws(
    () => parseRpcRequest({ method: 'container.stop', params: { ref: 'web', timeout: -1 } }),
    invalid,
  );
  assert.throws(() => parseRpcRequest({ method: 'container.start', params: {} }), invalid);
  assert.throws(
    () => parseRpcRequest({ method: 'container.logs', params: { ref: 'a', tail: 5001 } }),
    invalid,
  );
  assert.deepEqual(parseRpcRequest({ method: 'stats.subscribe', params: { host: true } }).params, {
    containerIds: [],
    host: true,
  });
});

const stats = {
  id: 'a',
  name: 'n',
  at: '2026-01-01T00:00:00Z',
  cpu: {
    usageNs: 1,
    percentOfHost: null,
    percentOfLimit: null,
    onlineCpus: 2,
    periods: null,
    throttledPeriods: null,
    throttledNs: null,
  },
  memory: {
    usage: 1,
    limit: null,
    workingSet: null,
    rss: null,
    cache: null,
    swap: null,
    oomKills: null,
  },
  io: { readBytes: null, writeBytes: null, readOps: null, writeOps: null },
  pids: { current: 1, limit: null },
  net: {
    rxBytes: null,
    txBytes: null,
    rxPackets: null,
    txPackets: null,
    rxErrors: null,
    txErrors: null,
  },
  psi: null,
};

test('stats.batch: nulls are allowed, made-up strings are not', () => {
  const rates = {
    ioReadRate: null,
    ioWriteRate: null,
    netRxRate: null,
    netTxRate: null,
    throttledMsPerSec: null,
  };
  const sample = { ...stats, at: 1_767_225_600_000, containerId: 'a', rates };
  assert.doesNotThrow(() => parseAgentEvent('stats.batch', { at: 1, samples: [sample] }));
  assert.throws(
    () =>
      parseAgentEvent('stats.batch', {
        at: 1,
        samples: [{ ...sample, rates: { ...rates, ioReadRate: 'high' } }],
      }),
    invalid,
  );
});

test('stats.batch of a protocol 1 agent: `at` in RFC 3339 read as ms, rates unknown', () => {
  const legacy = { ...stats, containerId: 'a', cpuPercent: null };
  const event = parseAgentEvent('stats.batch', { at: 1, samples: [legacy] });
  assert.equal(event.name, 'stats.batch');
  const [s] = (event.payload as { samples: { at: number; rates: Record<string, unknown> }[] })
    .samples;
  assert.equal(s!.at, Date.parse('2026-01-01T00:00:00Z'));
  assert.deepEqual(Object.values(s!.rates), [null, null, null, null, null]);
  assert.ok(!('cpuPercent' in s!), 'the duplicate is not carried on');
});

test('the stop deadline covers the whole stop timeout plus the margin, never a fixed 25 s', () => {
  assert.equal(stopDeadlineMs(0), STOP_DEADLINE_MARGIN_MS);
  assert.equal(stopDeadlineMs(10), 10_000 + STOP_DEADLINE_MARGIN_MS);
  // a container created with a 60 s stop timeout whose PID 1 ignores SIGTERM: the agent
  // answers after 60 s plus the SIGKILL; the caller must still be waiting then
  assert.ok(stopDeadlineMs(60) > 60_000 + 5_000);
  assert.ok(stopDeadlineMs(STOP_TIMEOUT_MAX_SECONDS) > STOP_TIMEOUT_MAX_SECONDS * 1000);
  assert.ok(STOP_DEADLINE_MARGIN_MS >= 15_000, 'room for SIGKILL, the recorded exit, a restart');
  assert.throws(
    () =>
      parseRpcRequest({
        method: 'container.stop',
        params: { ref: 'a', timeout: STOP_TIMEOUT_MAX_SECONDS + 1 },
      }),
    invalid,
  );
});
