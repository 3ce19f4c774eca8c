import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFilters } from './filters.js';
import { imageRecord } from './image-fixtures.js';
import {
  IMAGE_LIST_FILTERS,
  filterImage,
  globToRegExp,
  referenceMatches,
} from './image-filters.js';

const f = (o: Record<string, string[]>) => parseFilters(JSON.stringify(o), IMAGE_LIST_FILTERS);

test('glob: Go path.Match semantics', () => {
  assert.ok(globToRegExp('busy*').test('busybox:latest'));
  assert.ok(!globToRegExp('*').test('reg/app'), '* does not cross /');
  assert.ok(globToRegExp('*/*').test('reg/app'));
  assert.ok(globToRegExp('b?sybox').test('busybox'));
  assert.ok(globToRegExp('[a-c]usybox').test('busybox'));
  assert.ok(!globToRegExp('[^a-c]usybox').test('busybox'));
  assert.ok(globToRegExp('a\\*b').test('a*b'));
  assert.ok(!globToRegExp('a.b').test('axb'), 'a dot is literal');
  assert.throws(() => globToRegExp('[abc'), /syntax error/);
  assert.throws(() => globToRegExp('abc\\'), /syntax error/);
});

test('reference: the familiar reference, or its name alone', () => {
  const ref = 'docker.io/library/busybox:latest';
  assert.ok(referenceMatches(globToRegExp('busybox'), ref));
  assert.ok(referenceMatches(globToRegExp('busybox:latest'), ref));
  assert.ok(referenceMatches(globToRegExp('busybox:*'), ref));
  assert.ok(!referenceMatches(globToRegExp('busybox:1'), ref));
  assert.ok(!referenceMatches(globToRegExp('library/busybox'), ref));
  assert.ok(referenceMatches(globToRegExp('127.0.0.1:5000/*/*'), '127.0.0.1:5000/x/y:1'));
});

test('reference filter lists only the matching names; no match drops the image', () => {
  const r = imageRecord({
    repoTags: ['docker.io/library/busybox:latest', 'docker.io/library/other:1'],
  });
  assert.deepEqual(filterImage(r, f({ reference: ['other'] }), { labels: {} }), {
    repoTags: ['docker.io/library/other:1'],
    repoDigests: [],
  });
  assert.equal(filterImage(r, f({ reference: ['nope*'] }), { labels: {} }), null);
});

test('dangling: untagged images only (digests may remain); false drops nameless ones', () => {
  const tagged = imageRecord();
  const digestOnly = imageRecord({ repoTags: [] });
  const none = imageRecord({ repoTags: [], repoDigests: [] });
  const on = f({ dangling: ['true'] });
  const off = f({ dangling: ['false'] });
  assert.equal(filterImage(tagged, on, { labels: {} }), null);
  assert.ok(filterImage(digestOnly, on, { labels: {} }));
  assert.ok(filterImage(none, on, { labels: {} }));
  assert.equal(filterImage(none, off, { labels: {} }), null);
  assert.ok(filterImage(digestOnly, off, { labels: {} }));
  assert.throws(
    () => filterImage(none, f({ dangling: ['maybe'] }), { labels: {} }),
    /invalid filter/,
  );
});

test('label, before and since', () => {
  const r = imageRecord({ created: '2026-01-02T00:00:00Z' });
  const t = Date.parse('2026-01-02T00:00:00Z');
  assert.ok(filterImage(r, f({ label: ['tier=db'] }), { labels: { tier: 'db' } }));
  assert.equal(filterImage(r, f({ label: ['tier=web'] }), { labels: { tier: 'db' } }), null);
  assert.ok(filterImage(r, f({ label: ['tier'] }), { labels: { tier: 'db' } }));
  assert.ok(filterImage(r, f({}), { labels: {}, before: t + 1 }));
  assert.equal(filterImage(r, f({}), { labels: {}, before: t }), null, 'strictly before');
  assert.ok(filterImage(r, f({}), { labels: {}, since: t - 1 }));
  assert.equal(filterImage(r, f({}), { labels: {}, since: t }), null, 'strictly after');
});

test('unknown filters are refused with Docker’s message', () => {
  assert.throws(() => f({ nope: ['x'] }), /invalid filter 'nope'/);
});
