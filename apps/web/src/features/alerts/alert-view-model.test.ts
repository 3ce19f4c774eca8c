import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  defaultParams,
  formatDuration,
  scopeText,
  toAlertViewModel,
  toChannelRequest,
  toRuleRequest,
  toSilenceRequest,
} from './alert-view-model.js';

test('rule form: numbers from text inputs, labels from lines, no stacks for host rules', () => {
  const r = toRuleRequest({
    name: 'busy',
    kind: 'cpu_high',
    params: { percent: '85', forSec: '120' },
    hosts: ['h1'],
    stacks: 'shop, crm',
    labels: 'tier=front\n',
    channelIds: ['c1'],
  });
  assert.deepEqual(r, {
    ok: true,
    body: {
      name: 'busy',
      kind: 'cpu_high',
      params: { percent: 85, forSec: 120 },
      scope: { hosts: ['h1'], stacks: ['shop', 'crm'], labels: { tier: 'front' } },
      channelIds: ['c1'],
      enabled: true,
    },
  });
  const host = toRuleRequest({
    name: 'down',
    kind: 'host_offline',
    params: { forSec: '30' },
    hosts: [],
    stacks: 'shop',
    labels: '',
    channelIds: [],
  });
  assert.ok(host.ok && JSON.stringify(host.body.scope) === '{}');
  assert.deepEqual(
    toRuleRequest({
      name: 'x',
      kind: 'unhealthy',
      params: {},
      hosts: [],
      stacks: '',
      labels: 'oops',
      channelIds: [],
    }),
    {
      ok: false,
      error: 'labels: "oops" is not key=value',
    },
  );
  assert.equal(
    toRuleRequest({
      name: 'x',
      kind: 'cpu_high',
      params: { percent: '-1', forSec: '1' },
      hosts: [],
      stacks: '',
      labels: '',
      channelIds: [],
    }).ok,
    false,
  );
});

test('defaults per kind feed the form', () => {
  assert.deepEqual(defaultParams('restart_loop'), { restarts: 3, windowSec: 300 });
  assert.deepEqual(defaultParams('container_exited'), { includeCleanExit: false });
});

test('channel and silence forms', () => {
  assert.deepEqual(
    toChannelRequest({ name: 'm', type: 'email', url: '', secret: '', to: 'a@x.io, b@x.io' }),
    {
      ok: true,
      body: { name: 'm', type: 'email', config: { to: ['a@x.io', 'b@x.io'] } },
    },
  );
  assert.equal(
    toChannelRequest({ name: 'w', type: 'webhook', url: 'ftp://x', secret: '', to: '' }).ok,
    false,
  );
  const now = new Date('2026-01-01T00:00:00Z');
  assert.deepEqual(
    toSilenceRequest(
      { ruleId: '', hostId: 'h1', container: ' web ', stack: '', hours: '2', comment: 'deploy' },
      now,
    ),
    {
      ok: true,
      body: {
        matchers: { hostId: 'h1', container: 'web' },
        comment: 'deploy',
        endsAt: '2026-01-01T02:00:00.000Z',
      },
    },
  );
  assert.equal(
    toSilenceRequest(
      { ruleId: '', hostId: '', container: '', stack: '', hours: '0', comment: '' },
      now,
    ).ok,
    false,
  );
});

test('history rows: where, how long, what was sent', () => {
  const vm = toAlertViewModel(
    {
      id: 'a',
      ruleId: 'r',
      ruleName: 'died',
      kind: 'container_exited',
      hostId: 'h',
      hostName: 'alpha',
      containerId: 'c',
      containerName: 'web',
      stack: null,
      state: 'resolved',
      summary: 's',
      value: 137,
      startedAt: '2026-01-01T00:00:00.000Z',
      resolvedAt: '2026-01-01T01:05:00.000Z',
      silenced: false,
      notifications: [
        {
          channelId: 'c1',
          channelName: 'hook',
          event: 'firing',
          outcome: 'sent',
          error: null,
          at: '',
        },
        {
          channelId: 'c2',
          channelName: 'mail',
          event: 'firing',
          outcome: 'failed',
          error: 'HTTP 500',
          at: '',
        },
      ],
    },
    0,
  );
  assert.equal(vm.where, 'alpha / web');
  assert.equal(vm.lasted, '1 h 5 min');
  assert.equal(vm.notified, '1 sent, 1 failed (HTTP 500)');
  assert.equal(formatDuration(42_000), '42 s');
  assert.equal(scopeText({}, new Map()), 'everywhere');
  assert.equal(
    scopeText({ hosts: ['h'], stacks: ['shop'] }, new Map([['h', 'alpha']])),
    'hosts alpha · stacks shop',
  );
});
