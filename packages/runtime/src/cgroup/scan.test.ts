import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  KeyTable,
  scanBlkio,
  scanKeyValues,
  scanLimit,
  scanNestedKeyValues,
  scanNetDev,
  scanQuota,
  scanUint,
} from './scan.js';

/** A fixture in a larger, dirty buffer: scanners must stop at `len`. */
function bytes(text: string): [Buffer, number] {
  const buf = Buffer.alloc(text.length + 32, 'x');
  buf.write(text, 'latin1');
  return [buf, text.length];
}

test('scanUint / scanLimit / scanQuota: numbers, unlimited spellings, garbage, unreadable', () => {
  assert.equal(scanUint(...bytes('123456789\n')), 123456789);
  assert.equal(scanUint(...bytes('  42 \n')), 42);
  assert.equal(scanUint(...bytes('')), null);
  assert.equal(scanUint(...bytes('12a\n')), null);
  assert.equal(scanUint(Buffer.alloc(4), -1), null);
  assert.equal(scanLimit(...bytes('max\n')), null);
  assert.equal(scanLimit(...bytes('-1\n')), null);
  assert.equal(scanLimit(...bytes('9223372036854771712\n')), null);
  assert.equal(scanLimit(...bytes('16777216\n')), 16777216);
  assert.equal(scanQuota(...bytes('-1\n')), null);
  assert.equal(scanQuota(...bytes('0\n')), null);
  assert.equal(scanQuota(...bytes('50000\n')), 50000);
});

const MEMORY_STAT_V1 = `cache 1
rss 2
total_cache 500000
total_rss 900000
total_inactive_file 400000
total_active_file 7
`;

test('scanKeyValues: wanted keys of memory.stat; absent = NaN; prefixes do not match', () => {
  const t = new KeyTable(['total_inactive_file', 'total_rss', 'total_cache', 'total_swap']);
  const out = scanKeyValues(...bytes(MEMORY_STAT_V1), t);
  assert.deepEqual([...out!], [400000, 900000, 500000, NaN]);
  const rss = new KeyTable(['rss', 'cache']);
  assert.deepEqual([...scanKeyValues(...bytes(MEMORY_STAT_V1), rss)!], [2, 1]);
});

test('scanKeyValues: three fields, non-digits and a missing file', () => {
  const t = new KeyTable(['a', 'b', 'c']);
  assert.deepEqual([...scanKeyValues(...bytes('a 1 2\nb x\n  c\t3\n'), t)!], [NaN, NaN, 3]);
  assert.equal(scanKeyValues(Buffer.alloc(8), -1, t), null);
  // no trailing newline; the value ends at len, not at the dirty bytes after it
  assert.deepEqual([...scanKeyValues(...bytes('c 77'), t)!], [NaN, NaN, 77]);
});

test('scanNestedKeyValues: io.stat summed over devices', () => {
  const t = new KeyTable(['rbytes', 'wbytes', 'rios', 'wios']);
  const text =
    '8:0 rbytes=100 wbytes=200 rios=1 wios=2 dbytes=0 dios=0\n8:16 rbytes=1 wbytes=2 rios=3 wios=4\n';
  assert.deepEqual([...scanNestedKeyValues(...bytes(text), t)!], [101, 202, 4, 6]);
  assert.deepEqual([...scanNestedKeyValues(...bytes(''), t)!], [0, 0, 0, 0]);
  assert.deepEqual([...scanNestedKeyValues(...bytes('8:0 rbytes=x wbytes\n'), t)!], [0, 0, 0, 0]);
  assert.equal(scanNestedKeyValues(Buffer.alloc(1), -1, t), null);
});

test('scanBlkio: Read/Write per device summed, Total lines ignored', () => {
  const out = new Float64Array(2);
  const text = '8:0 Read 4096\n8:0 Write 8192\n8:0 Total 12288\n8:16 Read 4\nTotal 12288\n';
  assert.equal(scanBlkio(...bytes(text), out), true);
  assert.deepEqual([...out], [4100, 8192]);
  assert.equal(scanBlkio(...bytes('Total 0\n'), out), true);
  assert.deepEqual([...out], [0, 0]);
  assert.equal(scanBlkio(Buffer.alloc(1), -1, out), false);
});

test('scanNetDev: sums interfaces except lo; malformed rows skipped', () => {
  const text = `Inter-|   Receive                                                |  Transmit
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
    lo:     100       1    0    0    0     0          0         0      100       1    0    0    0     0       0          0
  eth0:    2000      20    1    0    0     0          0         0     3000      30    2    0    0     0       0          0
  eth1:      10       1    0    0    0     0          0         0       20       2    0    0    0     0       0          0
  bad0: 1 2 3
`;
  const out = new Float64Array(6);
  assert.equal(scanNetDev(...bytes(text), out), 2);
  assert.deepEqual([...out], [2010, 21, 1, 3020, 32, 2]);
  const onlyLo = text.split('\n').slice(0, 3).join('\n');
  assert.equal(scanNetDev(...bytes(onlyLo), out), 0);
});
