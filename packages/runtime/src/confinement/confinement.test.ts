import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRuntimeFeatures, LEGACY_RUNTIME_FEATURES } from './runtime-features.js';
import { apparmorEnabled, apparmorProfileLoaded, apparmorProfileText } from './apparmor-profile.js';

test('runtime features: rro, seccomp and AppArmor from `runc features`; legacy when unreadable', () => {
  const runc115 = JSON.stringify({
    ociVersionMin: '1.0.0',
    mountOptions: ['bind', 'ro', 'rro', 'rrw'],
    linux: { seccomp: { enabled: true }, apparmor: { enabled: true } },
  });
  assert.deepEqual(parseRuntimeFeatures(runc115), {
    recursiveReadOnly: true,
    seccomp: true,
    apparmor: true,
  });
  const noSeccomp = JSON.stringify({
    mountOptions: ['ro'],
    linux: { seccomp: { enabled: false } },
  });
  assert.deepEqual(parseRuntimeFeatures(noSeccomp), {
    recursiveReadOnly: false,
    seccomp: false,
    apparmor: true,
  });
  assert.deepEqual(parseRuntimeFeatures('Incorrect Usage.'), LEGACY_RUNTIME_FEATURES);
  assert.deepEqual(parseRuntimeFeatures('{"mountOptions": "rro"}'), LEGACY_RUNTIME_FEATURES);
});

test('AppArmor: enabled parameter, loaded profiles, profile text with and without includes', () => {
  assert.equal(apparmorEnabled('Y\n'), true);
  assert.equal(apparmorEnabled('N\n'), false);
  assert.equal(apparmorEnabled(''), false);
  const loaded = 'docker-default (enforce)\nberth-default (enforce)\n/usr/sbin/ntpd (enforce)\n';
  assert.equal(apparmorProfileLoaded(loaded, 'berth-default'), true);
  assert.equal(apparmorProfileLoaded('berth-default-old (enforce)\n', 'berth-default'), false);

  const text = apparmorProfileText();
  assert.match(text, /^#include <tunables\/global>$/m);
  assert.match(text, /^profile berth-default flags=\(attach_disconnected,mediate_deleted\) \{$/m);
  assert.match(text, /^ {2}deny mount,$/m);
  assert.match(text, /^ {2}deny @\{PROC\}\/sysrq-trigger rwklx,$/m);
  assert.match(text, /^ {2}deny @\{PROC\}\/kcore rwklx,$/m);
  assert.match(text, /^ {2}signal \(send,receive\) peer=berth-default,$/m);
  assert.equal(text.trimEnd().endsWith('}'), true);
  const bare = apparmorProfileText('x', { tunables: false, base: false });
  assert.doesNotMatch(bare, /#include/);
  assert.match(bare, /^profile x /m);
});
