import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AgentError } from '../errors.js';
import { assertStoredCredentialsAllowed } from './stored-credentials.js';

const host = (registries: string[]) => ({
  hasCredentials: (r: string) => Promise.resolve(registries.includes(r)),
});

test('stored credentials: refused for a registry that has some unless the web allows them', async () => {
  const h = host(['registry.example:5000']);
  await assert.rejects(
    assertStoredCredentialsAllowed(h, 'registry.example:5000/team/app:1', false),
    (e) =>
      e instanceof AgentError &&
      e.code === 'PERMISSION_DENIED' &&
      /registry\.example:5000 uses registry credentials stored on this host/.test(e.message),
  );
  await assertStoredCredentialsAllowed(h, 'registry.example:5000/team/app:1', true);
  // a registry without stored credentials is reached anonymously either way
  await assertStoredCredentialsAllowed(h, 'other.example/app:1', false);
  await assertStoredCredentialsAllowed(host(['docker.io']), 'quay.io/app', false);
  await assert.rejects(assertStoredCredentialsAllowed(host(['docker.io']), 'busybox', false));
});
