import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatTable } from './table.js';

test('columns are padded to the widest cell plus 3 spaces; the last is not padded', () => {
  assert.equal(
    formatTable(
      ['A', 'LONG HEADER', 'Z'],
      [
        ['xxxx', 'y', 'last'],
        ['', 'yy', ''],
      ],
    ),
    'A      LONG HEADER   Z\nxxxx   y             last\n       yy\n',
  );
});
