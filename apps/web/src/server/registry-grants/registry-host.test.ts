import { test } from 'node:test';
import assert from 'node:assert/strict';
import { registryOf } from './registry-host.js';

test("the registry of a reference, Docker's way", () => {
  assert.equal(registryOf('busybox'), 'docker.io');
  assert.equal(registryOf('library/busybox:1'), 'docker.io');
  assert.equal(registryOf('someone/app'), 'docker.io');
  assert.equal(registryOf('127.0.0.1:5000/a/b:1'), '127.0.0.1:5000');
  assert.equal(registryOf('Registry.Example.com/team/app@sha256:abc'), 'registry.example.com');
  assert.equal(registryOf('localhost/app'), 'localhost');
  assert.equal(registryOf('index.docker.io/library/alpine'), 'docker.io');
});
