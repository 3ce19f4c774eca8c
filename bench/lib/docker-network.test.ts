import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dockerLeftovers, forwardPolicy, splitRule } from './docker-network.js';

test('splitRule keeps quoted comments as one word and unescapes quotes', () => {
  assert.deepEqual(
    splitRule('-A X -s 10.88.0.2/32 -m comment --comment "name: \\"berth\\" id: \\"ab\\"" -j Y'),
    [
      '-A',
      'X',
      '-s',
      '10.88.0.2/32',
      '-m',
      'comment',
      '--comment',
      'name: "berth" id: "ab"',
      '-j',
      'Y',
    ],
  );
  assert.deepEqual(splitRule('-A FORWARD ! -o docker0 -j ACCEPT'), [
    '-A',
    'FORWARD',
    '!',
    '-o',
    'docker0',
    '-j',
    'ACCEPT',
  ]);
  assert.deepEqual(splitRule('-A X --comment ""'), ['-A', 'X', '--comment', '']);
});

test('forwardPolicy reads the -P FORWARD line (ACCEPT when absent)', () => {
  assert.equal(forwardPolicy(['-P INPUT ACCEPT', '-P FORWARD DROP']), 'DROP');
  assert.equal(forwardPolicy([]), 'ACCEPT');
});

test("dockerLeftovers picks only new rules and chains that are dockerd's", () => {
  const cni = '-A POSTROUTING -s 10.88.0.9/32 -m comment --comment "name: \\"berth\\"" -j CNI-abc';
  const before = {
    filter: ['-P FORWARD ACCEPT', '-A FORWARD -o docker0 -j OLD'],
    nat: ['-N CNI-abc'],
  };
  const after = {
    filter: [
      '-P FORWARD DROP',
      '-N DOCKER',
      '-N DOCKER-USER',
      '-A FORWARD -o docker0 -j OLD',
      '-A FORWARD -j DOCKER-USER',
      '-A FORWARD -i docker0 ! -o docker0 -j ACCEPT',
      '-A DOCKER-USER -j RETURN',
      '-A FORWARD -i berth0 -j ACCEPT',
    ],
    nat: [
      '-N CNI-abc',
      '-N DOCKER',
      cni,
      '-A POSTROUTING -s 10.213.0.0/24 ! -o docker0 -j MASQUERADE',
    ],
  };
  const left = dockerLeftovers(before, after, 'docker0');
  assert.deepEqual(left.rules, [
    { table: 'filter', args: ['-D', 'FORWARD', '-j', 'DOCKER-USER'] },
    {
      table: 'filter',
      args: ['-D', 'FORWARD', '-i', 'docker0', '!', '-o', 'docker0', '-j', 'ACCEPT'],
    },
    { table: 'filter', args: ['-D', 'DOCKER-USER', '-j', 'RETURN'] },
    {
      table: 'nat',
      args: ['-D', 'POSTROUTING', '-s', '10.213.0.0/24', '!', '-o', 'docker0', '-j', 'MASQUERADE'],
    },
  ]);
  assert.deepEqual(left.chains, [
    { table: 'filter', chain: 'DOCKER' },
    { table: 'filter', chain: 'DOCKER-USER' },
    { table: 'nat', chain: 'DOCKER' },
  ]);
});
