import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  cgroupVersionFrom,
  confinementFacts,
  parseOsRelease,
  parseRuntimeVersion,
} from './parse.js';

test('os-release: PRETTY_NAME, unquoted, NAME fallback, null when empty', () => {
  const debian = [
    'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"',
    'NAME="Debian GNU/Linux"',
    'VERSION_ID="12"',
    'ID=debian',
  ].join('\n');
  assert.equal(parseOsRelease(debian), 'Debian GNU/Linux 12 (bookworm)');
  assert.equal(parseOsRelease("NAME='Alpine Linux'\nID=alpine\n"), 'Alpine Linux');
  assert.equal(parseOsRelease('PRETTY_NAME="say \\"hi\\""'), 'say "hi"');
  assert.equal(parseOsRelease('# comment\n\n'), null);
});

test('runtime versions from real --version outputs', () => {
  const runc =
    'runc version 1.1.5+ds1\ncommit: 1.1.5+ds1-1+deb12u1\nspec: 1.0.2-dev\ngo: go1.19.8\n';
  const crun =
    'crun version 1.8.1\ncommit: f8a096be060b22ccd3d5f3ebe44108517fbf6c30\nrundir: /run/crun\n';
  const conmon = 'conmon version 2.1.6\ncommit: unknown\n';
  assert.equal(parseRuntimeVersion('runc', runc), '1.1.5+ds1');
  assert.equal(parseRuntimeVersion('crun', crun), '1.8.1');
  assert.equal(parseRuntimeVersion('conmon', conmon), '2.1.6');
  assert.equal(parseRuntimeVersion('runc', crun), null);
  assert.equal(parseRuntimeVersion('runc', ''), null);
  assert.equal(parseRuntimeVersion('runc', 'Usage: runc'), null);
});

test('cgroup version', () => {
  assert.equal(cgroupVersionFrom(true), 2);
  assert.equal(cgroupVersionFrom(false), 1);
});

test('confinement facts: the engine detection plus Berth defaults', () => {
  const host = {
    arch: 'x64',
    kernel: { major: 6, minor: 1 },
    seccomp: true,
    apparmor: 'berth-default',
    recursiveReadOnly: false,
  };
  assert.deepEqual(confinementFacts(host), {
    seccomp: true,
    apparmor: 'berth-default',
    cgroupns: 'private',
    noNewPrivileges: false,
    recursiveReadOnly: false,
  });
  assert.equal(confinementFacts({ ...host, seccomp: false, apparmor: null }).apparmor, null);
});
