import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseEnvText, progressContext } from './env-text.js';

test('.env text: pairs, comments, export, quotes', () => {
  assert.deepEqual(
    parseEnvText('# db\nTAG=1.2\nexport NAME="my app"\n\nBAD\nEMPTY=\nQ=\'x=y\'\n'),
    { TAG: '1.2', NAME: 'my app', EMPTY: '', Q: 'x=y' },
  );
});

test('a preview gives the progress context', () => {
  const ctx = progressContext({
    project: 'p',
    services: [
      { name: 'web', image: 'w', healthcheck: false },
      { name: 'db', image: 'd', healthcheck: true },
    ],
  });
  assert.deepEqual(ctx.images, { web: 'w', db: 'd' });
  assert.deepEqual([...ctx.healthchecks], ['db']);
});
