import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHostReader, hostCpuPercent, parseMeminfo, parseProcStat } from './host-stats.js';

const stat = (user: number, idle: number) =>
  `cpu  ${user} 0 100 ${idle} 50 0 0 0 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\nintr 1\n`;

test('/proc/stat: busy and total jiffies; iowait counts as idle', () => {
  assert.deepEqual(parseProcStat(stat(1000, 5000)), { busy: 1100, total: 6150, clockTicks: 6150 });
  assert.equal(parseProcStat('cpu  1 2 3 4 5 6 7 8 9 10\n')?.clockTicks, 28, 'steal is not in it');
  assert.equal(parseProcStat('intr 1\n'), null);
  assert.equal(parseProcStat('cpu  a b c d\n'), null);
});

test('host cpu percent from deltas; first tick and counter resets give null', () => {
  const a = parseProcStat(stat(1000, 5000));
  const b = parseProcStat(stat(1300, 5100)); // +300 busy, +400 total
  assert.equal(hostCpuPercent(a, b), 75);
  assert.equal(hostCpuPercent(null, b), null);
  assert.equal(hostCpuPercent(b, a), null);
  assert.equal(hostCpuPercent(a, a), null);
});

test('/proc/meminfo: used = MemTotal − MemAvailable; missing keys are null', () => {
  const text = 'MemTotal:       2000 kB\nMemFree:         100 kB\nMemAvailable:    500 kB\n';
  assert.deepEqual(parseMeminfo(text), { total: 2000 * 1024, used: 1500 * 1024 });
  assert.deepEqual(parseMeminfo('MemTotal:       2000 kB\n'), { total: 2048000, used: null });
});

test('host reader: null cpu on the first read, a percent on the next, unreadable files give nulls', async () => {
  const files = [stat(0, 0), stat(50, 50)];
  const reader = createHostReader({
    read: async (p) => {
      if (p.endsWith('/stat')) return files.shift() ?? '';
      throw new Error('no meminfo');
    },
  });
  const first = await reader(1);
  assert.equal(first.sample.cpuPercent, null);
  assert.equal(first.sample.memoryTotal, null);
  assert.ok(first.sample.cpus >= 1);
  assert.equal(first.systemCpuNs, 150 * 1e7, 'jiffies of USER_HZ 100 in ns');
  const second = await reader(2);
  assert.ok(second.sample.cpuPercent !== null && second.sample.cpuPercent > 0);
  assert.equal((await reader(3)).systemCpuNs, null, 'unreadable /proc/stat');
});
