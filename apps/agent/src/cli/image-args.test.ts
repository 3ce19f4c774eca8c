import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AgentError } from '../errors.js';
import { agentPath, parseDanglingFilter } from './image-args.js';
import { normalizeRegistryHost } from './registry-host.js';

test('--filter dangling=…', () => {
  assert.equal(parseDanglingFilter([]), undefined);
  assert.equal(parseDanglingFilter(['dangling=true']), true);
  assert.equal(parseDanglingFilter(['dangling=1', 'dangling=false']), false);
  assert.throws(() => parseDanglingFilter(['label=x']), AgentError);
});

test('paths for the agent are absolute', () => {
  assert.equal(agentPath('out/img.tar', '/home/u'), '/home/u/out/img.tar');
  assert.equal(agentPath('/abs.tar', '/home/u'), '/abs.tar');
  assert.throws(() => agentPath(' ', '/'), AgentError);
});

test('login servers normalise to host[:port]', () => {
  assert.equal(normalizeRegistryHost('127.0.0.1:5000'), '127.0.0.1:5000');
  assert.equal(normalizeRegistryHost('https://Registry.Example.com/v2/'), 'registry.example.com');
  assert.equal(normalizeRegistryHost('https://index.docker.io/v1/'), 'docker.io');
  assert.equal(normalizeRegistryHost('[::1]:5000'), '[::1]:5000');
  for (const bad of ['', 'a b', 'ftp://x/y', 'host:port'])
    assert.throws(() => normalizeRegistryHost(bad), AgentError, bad);
});
