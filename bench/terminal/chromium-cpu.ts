import { readdir, readFile, readlink } from 'node:fs/promises';
import { parseProcStat, ticksPerSecond } from '../stats/proc.js';

/** Pure: the parent pid in `/proc/<pid>/stat` (field 4; the command name may hold spaces). */
export function parsePpid(stat: string): number {
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

/** Pure: Chromium's role of a process from its command line (`--type=renderer` …; none: browser). */
export function chromiumRole(cmdline: string): string {
  const m = /(?:^|[\0 ])--type=([a-z-]+)/.exec(cmdline);
  if (!m) return 'browser';
  if (m[1] === 'renderer') return 'renderer';
  if (m[1] === 'gpu-process') return 'gpu';
  if (m[1] === 'utility') return /--utility-sub-type=network/.test(cmdline) ? 'network' : 'utility';
  return m[1]!;
}

interface ProcRow {
  pid: number;
  ppid: number;
  ticks: number;
}

async function table(): Promise<Map<number, ProcRow>> {
  const rows = new Map<number, ProcRow>();
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = await readFile(`/proc/${name}/stat`, 'utf8');
      rows.set(Number(name), {
        pid: Number(name),
        ppid: parsePpid(stat),
        ticks: parseProcStat(stat).self,
      });
    } catch {
      // gone meanwhile
    }
  }
  return rows;
}

/** The Chromium processes among this process's descendants, with their role. */
async function chromiumProcs(): Promise<Map<number, { role: string; ticks: number }>> {
  const rows = await table();
  const children = new Map<number, number[]>();
  for (const r of rows.values()) children.set(r.ppid, [...(children.get(r.ppid) ?? []), r.pid]);
  const out = new Map<number, { role: string; ticks: number }>();
  const walk = async (pid: number, inChromium: boolean) => {
    for (const child of children.get(pid) ?? []) {
      let chromium = inChromium;
      let cmdline = '';
      try {
        chromium ||= (await readlink(`/proc/${child}/exe`)).includes('chromium');
        cmdline = await readFile(`/proc/${child}/cmdline`, 'utf8');
      } catch {
        continue;
      }
      if (chromium) out.set(child, { role: chromiumRole(cmdline), ticks: rows.get(child)!.ticks });
      await walk(child, chromium);
    }
  };
  await walk(process.pid, false);
  return out;
}

/**
 * Starts counting the CPU time of the Chromium processes this benchmark launched, by role
 * (browser, renderer, gpu, network, …); the returned function ends the interval and gives % of one
 * core per role. Processes that exit meanwhile are not counted.
 */
export async function chromiumCpuMeter(): Promise<() => Promise<Record<string, number>>> {
  const hz = await ticksPerSecond();
  const before = await chromiumProcs();
  const t0 = Date.now();
  return async () => {
    const after = await chromiumProcs();
    const seconds = (Date.now() - t0) / 1000;
    const out: Record<string, number> = {};
    for (const [pid, p] of after) {
      const delta = p.ticks - (before.get(pid)?.ticks ?? 0);
      out[`chromium ${p.role}`] = (out[`chromium ${p.role}`] ?? 0) + (delta / hz / seconds) * 100;
    }
    return out;
  };
}
