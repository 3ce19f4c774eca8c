import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AnswerSplitter, firstLineCommand, parseAnswer, shQuote } from './protocol.js';

test('shQuote: one literal word, quotes included', () => {
  assert.equal(shQuote('abc'), "'abc'");
  assert.equal(shQuote("a'b"), `'a'\\''b'`);
  assert.equal(shQuote(''), "''");
});

test('parseAnswer: exit status, line, closed; anything else is not an answer', () => {
  assert.deepEqual(parseAnswer('7 0 '), { id: 7, kind: 'exit', status: 0, text: '' });
  assert.deepEqual(parseAnswer('7 32 mount: busy\nline 2'), {
    id: 7,
    kind: 'exit',
    status: 32,
    text: 'mount: busy\nline 2',
  });
  assert.deepEqual(parseAnswer('8 L {"data": 5}'), { id: 8, kind: 'line', text: '{"data": 5}' });
  assert.deepEqual(parseAnswer('9 E oops\n'), { id: 9, kind: 'eof', text: 'oops\n' });
  for (const bad of ['', 'x 0 a', '7', '7 X a', '7 1234 a']) assert.equal(parseAnswer(bad), null);
});

test('AnswerSplitter: answers split at NUL across chunks, a partial one kept', () => {
  const s = new AnswerSplitter();
  assert.deepEqual(s.push(Buffer.from('1 0 a\u00002 L {')), ['1 0 a']);
  assert.deepEqual(s.push(Buffer.from('"data": 1}\u0000\u0000')), ['2 L {"data": 1}', '']);
  // a character cut between chunks
  const u = Buffer.from('3 E ü\u0000');
  assert.deepEqual(s.push(u.subarray(0, u.length - 2)), []);
  assert.deepEqual(s.push(u.subarray(u.length - 2)), ['3 E ü']);
});

test('firstLineCommand refuses an environment name the shell would not take as one', () => {
  assert.throws(() => firstLineCommand(1, '/bin/true', [], { cwd: '/', env: { 'A;B': '1' } }));
  assert.match(
    firstLineCommand(1, '/bin/true', [], { cwd: '/', env: { _OCI_SYNCPIPE: '3' } }),
    /_OCI_SYNCPIPE='3' exec '\/bin\/true'/,
  );
});
