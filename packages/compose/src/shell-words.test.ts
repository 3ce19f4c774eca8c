import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitShellWords } from './shell-words.js';

test('splits on whitespace and honours quotes like go-shellwords', () => {
  assert.deepEqual(splitShellWords('sh -c "echo hi && sleep 1"', 'x'), [
    'sh',
    '-c',
    'echo hi && sleep 1',
  ]);
  assert.deepEqual(splitShellWords("echo 'a  b' c\\ d", 'x'), ['echo', 'a  b', 'c d']);
  assert.deepEqual(splitShellWords('echo "a \\"q\\" \\$HOME"', 'x'), ['echo', 'a "q" $HOME']);
  assert.deepEqual(splitShellWords("  a   ''  b ", 'x'), ['a', '', 'b']);
  assert.deepEqual(splitShellWords('', 'x'), []);
});

test('an unterminated quote is an error', () => {
  assert.throws(
    () => splitShellWords('echo "oops', 'services.a.command'),
    /services\.a\.command: unterminated " quote/,
  );
});
