import { test } from 'node:test';
import assert from 'node:assert/strict';
import { interpolate, interpolateTree } from './interpolate.js';
import { isComposeError } from './errors.js';

const env: Record<string, string> = { NAME: 'web', EMPTY: '', PORT: '8080', NESTED: 'inner' };
const lookup = (n: string) => env[n];
const value = (s: string) => interpolate(s, lookup).value;

test('plain and braced variables', () => {
  assert.equal(value('$NAME-${PORT}'), 'web-8080');
  assert.equal(value('x${NAME}y'), 'xweby');
  assert.equal(value('no vars'), 'no vars');
});

test('unset variables become empty and are reported once', () => {
  const r = interpolate('${MISSING}/$MISSING/${OTHER}', lookup);
  assert.equal(r.value, '//');
  assert.deepEqual(r.unset, ['MISSING', 'OTHER']);
});

test(':- and - defaults differ on empty values', () => {
  assert.equal(value('${EMPTY:-d}'), 'd');
  assert.equal(value('${EMPTY-d}'), '');
  assert.equal(value('${MISSING:-d}'), 'd');
  assert.equal(value('${MISSING-d}'), 'd');
  assert.equal(value('${NAME:-d}'), 'web');
  assert.equal(interpolate('${MISSING:-d}', lookup).unset.length, 0);
});

test(':+ and + give the alternative only when set', () => {
  assert.equal(value('${NAME:+alt}'), 'alt');
  assert.equal(value('${EMPTY:+alt}'), '');
  assert.equal(value('${EMPTY+alt}'), 'alt');
  assert.equal(value('${MISSING+alt}'), '');
});

test(':? and ? fail with the given message', () => {
  assert.throws(
    () => value('${MISSING:?set MISSING please}'),
    /required variable MISSING is missing a value: set MISSING please/,
  );
  assert.throws(() => value('${EMPTY:?empty}'), /EMPTY is missing a value: empty/);
  assert.equal(value('${EMPTY?unset only}'), '');
  assert.throws(
    () => value('${MISSING?unset}'),
    (e) => isComposeError(e, 'INVALID_ARGUMENT'),
  );
});

test('nested defaults', () => {
  assert.equal(value('${MISSING:-${NESTED}}'), 'inner');
  assert.equal(value('${MISSING:-${ALSO:-deep}}'), 'deep');
  assert.equal(value('${MISSING:-a${NAME}b}'), 'awebb');
  assert.throws(() => value('${MISSING?$NAME is needed}'), /web is needed/);
});

test('$$ is a literal dollar and stops interpolation', () => {
  assert.equal(value('$$NAME'), '$NAME');
  assert.equal(value('cost: $$5'), 'cost: $5');
  assert.equal(value('${MISSING:-$$x}'), '$x');
});

test('a $ that starts no variable is kept', () => {
  assert.equal(value('price $5 or $'), 'price $5 or $');
});

test('malformed braces are an error with the value path', () => {
  assert.throws(
    () => interpolate('${NAME', lookup, 'services.web.image'),
    /services\.web\.image: invalid interpolation format/,
  );
  assert.throws(() => value('${}'), /invalid interpolation format/);
  assert.throws(() => value('${NAME/a/b}'), /invalid interpolation format/);
});

test('interpolateTree changes values, never keys, and keeps non-strings', () => {
  const unset: string[] = [];
  const out = interpolateTree(
    {
      services: { $NAME: { image: 'img:${PORT}', ports: ['${PORT}:80', 81], tty: true, x: null } },
    },
    lookup,
    unset,
  );
  assert.deepEqual(out, {
    services: { $NAME: { image: 'img:8080', ports: ['8080:80', 81], tty: true, x: null } },
  });
  assert.deepEqual(unset, []);
});
