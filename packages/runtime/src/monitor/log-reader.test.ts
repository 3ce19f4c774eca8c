import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, appendFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLogs } from './log-reader.js';
import type { LogEntry } from './log-line.js';

const line = (sec: number, stream: string, text: string, flag = 'F') =>
  `2026-01-01T00:00:${String(sec).padStart(2, '0')}.000000001+00:00 ${stream} ${flag} ${text}\n`;

async function collect(it: AsyncIterable<LogEntry>): Promise<string[]> {
  const out: string[] = [];
  for await (const e of it) out.push(`${e.stream}:${e.text}`);
  return out;
}

test('tail, since and stream filters on a file fixture', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'logs-'));
  const p = join(dir, 'ctr.log');
  writeFileSync(
    p,
    line(1, 'stdout', 'a') +
      line(2, 'stderr', 'b') +
      line(3, 'stdout', 'c', 'P') +
      line(4, 'stdout', 'd'),
  );
  assert.deepEqual(await collect(readLogs(p)), ['stdout:a', 'stderr:b', 'stdout:cd']);
  assert.deepEqual(await collect(readLogs(p, { tail: 1 })), ['stdout:cd']);
  assert.deepEqual(await collect(readLogs(p, { since: new Date('2026-01-01T00:00:02Z') })), [
    'stderr:b',
    'stdout:cd',
  ]);
  assert.deepEqual(await collect(readLogs(p, { stdout: false })), ['stderr:b']);
  assert.deepEqual(await collect(readLogs(join(dir, 'missing.log'))), []);
  rmSync(dir, { recursive: true });
});

test('follow sees appends and survives the file being replaced (log-size-max)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'logs-'));
  const p = join(dir, 'ctr.log');
  writeFileSync(p, line(1, 'stdout', 'a'));
  let stop!: () => void;
  const stopWhen = new Promise<void>((r) => (stop = r));
  const seen: string[] = [];
  const done = (async () => {
    for await (const e of readLogs(p, { follow: true, stopWhen, pollMs: 20 })) {
      seen.push(e.text);
      if (e.text === 'b') {
        writeFileSync(join(dir, 'new'), line(3, 'stdout', 'c'));
        renameSync(join(dir, 'new'), p);
      }
      if (e.text === 'c') stop();
    }
  })();
  appendFileSync(p, line(2, 'stdout', 'b'));
  await done;
  assert.deepEqual(seen, ['a', 'b', 'c']);
  rmSync(dir, { recursive: true });
});
