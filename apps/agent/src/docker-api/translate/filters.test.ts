import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boolFilter, labelMatches, parseFilters, parseTimeFilter } from './filters.js';

test('filters: current map form, legacy list form, empty', () => {
  const f = parseFilters('{"label":{"a=b":true,"c":true},"name":["web"]}', ['label', 'name']);
  assert.deepEqual(f.get('label'), ['a=b', 'c']);
  assert.deepEqual(f.get('name'), ['web']);
  assert.equal(parseFilters(undefined, []).size, 0);
  assert.equal(parseFilters('', []).size, 0);
});

test('filters: unknown keys and malformed JSON are 400s with Docker’s wording', () => {
  assert.throws(() => parseFilters('{"bogus":{"x":true}}', ['label']), /invalid filter 'bogus'/);
  assert.throws(() => parseFilters('{"label":', ['label']), /not valid JSON/);
  assert.throws(() => parseFilters('[1]', ['label']), /must be a JSON object/);
  assert.throws(() => parseFilters('{"label":5}', ['label']), /bad value/);
});

test('label filters: key presence or key=value', () => {
  assert.equal(labelMatches('a', { a: '' }), true);
  assert.equal(labelMatches('a=1', { a: '1' }), true);
  assert.equal(labelMatches('a=1', { a: '2' }), false);
  assert.equal(labelMatches('a=b=c', { a: 'b=c' }), true);
  assert.equal(labelMatches('b', { a: '1' }), false);
});

test('bool filters and time filters', () => {
  assert.equal(boolFilter(new Map([['dangling', ['true']]]), 'dangling'), true);
  assert.equal(boolFilter(new Map([['dangling', ['0']]]), 'dangling'), false);
  assert.throws(() => boolFilter(new Map([['dangling', ['maybe']]]), 'dangling'), /invalid filter/);
  const now = new Date('2026-01-01T00:10:00Z');
  assert.equal(parseTimeFilter('1767225600', now).toISOString(), '2026-01-01T00:00:00.000Z');
  assert.equal(parseTimeFilter('5m', now).toISOString(), '2026-01-01T00:05:00.000Z');
  assert.equal(
    parseTimeFilter('2026-01-01T00:00:01Z', now).toISOString(),
    '2026-01-01T00:00:01.000Z',
  );
  assert.throws(() => parseTimeFilter('yesterday', now), /invalid time/);
});
