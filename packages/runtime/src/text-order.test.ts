import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareText } from './text-order.js';

const ALPHABET = '_-:.0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** A deterministic pseudo-random string over `chars` (xorshift), of length 0..max. */
function strings(seed: number, chars: string, max: number): () => string {
  let x = seed;
  const next = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
  return () =>
    Array.from({ length: Math.floor(next() * (max + 1)) }, () =>
      chars.charAt(Math.floor(next() * chars.length)),
    ).join('');
}

test('orders as localeCompare (English/root collation) for names, ids and ISO times', () => {
  const cases: [string, string][] = [
    ['a', 'B'],
    ['B', 'b'],
    ['web-1', 'web_1'],
    ['web.1', 'web-1'],
    ['app', 'App'],
    ['ab', 'Aa'],
    ['x', 'x-1'],
    ['2026-12-07T02:31:23.120Z', '2026-12-07T02:31:23.012Z'],
    ['0f3a', '0f3A'],
    ['', 'a'],
    ['same', 'same'],
  ];
  const wide = strings(7, ALPHABET, 8);
  const narrow = strings(11, '_-:.0aAbB', 4); // few characters: many ties and prefixes
  for (let i = 0; i < 20_000; i++) cases.push(i % 2 ? [wide(), wide()] : [narrow(), narrow()]);
  for (const [a, b] of cases) {
    assert.equal(compareText(a, b), Math.sign(a.localeCompare(b, 'en')), `${a} vs ${b}`);
  }
});

test('other characters: localeCompare decides', () => {
  assert.equal(compareText('é', 'f'), Math.sign('é'.localeCompare('f')));
  assert.equal(compareText('a b', 'a-b'), Math.sign('a b'.localeCompare('a-b')));
});
