import { readFile } from 'node:fs/promises';
import { runChecked } from '../lib/process.js';

/** CPU time of a process in clock ticks (`/proc/<pid>/stat`). */
export interface CpuTicks {
  /** utime + stime of the process itself. */
  readonly self: number;
  /** cutime + cstime: children it has waited for (e.g. short-lived helpers it spawned). */
  readonly children: number;
}

/** Pure: `/proc/<pid>/stat` → CPU ticks. The command name may hold spaces and parentheses. */
export function parseProcStat(text: string): CpuTicks {
  const rest = text
    .slice(text.lastIndexOf(')') + 2)
    .trim()
    .split(/\s+/);
  // rest[0] is field 3 (state): utime, stime, cutime, cstime are fields 14–17.
  const field = (n: number) => {
    const v = Number(rest[n - 3]);
    if (!Number.isFinite(v))
      throw new RangeError(`bad /proc stat field ${n}: ${text.slice(0, 200)}`);
    return v;
  };
  return { self: field(14) + field(15), children: field(16) + field(17) };
}

/** Pure: a `kB` line of `/proc/<pid>/status` (`VmRSS`, `VmHWM`) in bytes, or null. */
export function parseStatusKb(text: string, key: string): number | null {
  const m = new RegExp(`^${key}:\\s+(\\d+) kB$`, 'm').exec(text);
  return m ? Number(m[1]) * 1024 : null;
}

export const readCpuTicks = async (pid: number) =>
  parseProcStat(await readFile(`/proc/${pid}/stat`, 'utf8'));

export interface ProcMemory {
  readonly rss: number;
  readonly hwm: number;
  /** RssAnon: anonymous pages (JS heap, malloc, stacks). */
  readonly anon: number;
  /** RssFile: file-backed pages mapped in (mostly the node binary's code and read-only data). */
  readonly file: number;
}

export async function readMemory(pid: number): Promise<ProcMemory> {
  const text = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => parseStatusKb(text, key) ?? 0;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM'), anon: kb('RssAnon'), file: kb('RssFile') };
}

let clockTicks: number | null = null;

/** `getconf CLK_TCK` (100 on Linux), read once. */
export async function ticksPerSecond(): Promise<number> {
  clockTicks ??= Number((await runChecked('getconf', ['CLK_TCK'])).trim()) || 100;
  return clockTicks;
}
