import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintComposeText } from './lint.js';
import { lintCompose } from './lint-schema.js';

/** The text a diagnostic underlines. */
const marked = (text: string, d: { from: number; to: number }) => text.slice(d.from, d.to);

test('a valid file has no diagnostics', () => {
  assert.deepEqual(
    lintCompose('services:\n  web:\n    image: busybox\n    ports: ["8080:80"]\n'),
    [],
  );
});

test('a YAML syntax error is placed where the parser stopped', () => {
  const text = 'services:\n  web:\n    image: [busybox\n';
  const [d, ...rest] = lintCompose(text);
  assert.equal(rest.length >= 0, true);
  assert.equal(d?.severity, 'error');
  assert.ok(d!.from >= text.indexOf('['), `${d!.from}`);
});

test('a duplicate key is an error at the second key', () => {
  const text = 'services:\n  web:\n    image: a\n    image: b\n';
  const ds = lintCompose(text);
  assert.equal(ds.length, 1);
  assert.equal(ds[0]!.from, text.lastIndexOf('image'));
});

test('an unknown key is underlined at the key, with its path', () => {
  const text = 'services:\n  web:\n    imgae: busybox\n    image: busybox\n';
  const ds = lintCompose(text);
  assert.equal(ds.length, 1);
  assert.equal(marked(text, ds[0]!), 'imgae');
  assert.equal(ds[0]!.message, 'services.web.imgae: unknown key "imgae"');
});

test('a wrong value type is underlined at the value', () => {
  const text = 'services:\n  web:\n    image: busybox\n    ports: {a: 1}\n';
  const ds = lintCompose(text);
  assert.ok(ds.length >= 1);
  assert.ok(
    ds.every((d) => marked(text, d) === '{a: 1}'),
    JSON.stringify(ds),
  );
  assert.match(ds[0]!.message, /^services\.web\.ports: must be array/);
});

test('keys Berth does not support are listed once the schema holds, each at its key', () => {
  const text = 'services:\n  web:\n    image: busybox\n    build: .\n    volumes_from: [x]\n';
  const ds = lintCompose(text);
  assert.deepEqual(
    ds.map((d) => [marked(text, d), d.message]),
    [
      ['build', 'services.web.build: not supported by Berth'],
      ['volumes_from', 'services.web.volumes_from: not supported by Berth'],
    ],
  );
});

test('variables come from the given .env; a required unset one is an error', () => {
  const text = 'services:\n  web:\n    image: ${IMAGE:?set IMAGE}\n';
  assert.deepEqual(lintCompose(text, { IMAGE: 'busybox' }), []);
  const ds = lintCompose(text);
  assert.equal(ds.length, 1);
  assert.match(ds[0]!.message, /set IMAGE/);
});

test('a document that is not a mapping', () => {
  const ds = lintCompose('- a\n- b\n');
  assert.match(ds[0]!.message, /top level must be a mapping/);
});

test('the browser-safe lint: YAML and unsupported keys, no schema', () => {
  const text = 'services:\n  web:\n    imgae: busybox\n    build: .\n';
  assert.deepEqual(
    lintComposeText(text).map((d) => d.message),
    ['services.web.imgae: not supported by Berth', 'services.web.build: not supported by Berth'],
  );
  assert.equal(lintComposeText('a: [\n').length > 0, true);
});
