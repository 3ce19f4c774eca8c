import { readFile } from 'node:fs/promises';

export interface ProcStat {
  ppid: number;
  state: string;
  /** Clock ticks after boot: with the pid, names one process (pids are reused). */
  startTime: number;
}

/** Pure: the fields of a /proc/<pid>/stat line (`pid (comm, may hold ") ") S ppid …`). */
export function parseProcStat(stat: string): ProcStat | null {
  const close = stat.lastIndexOf(')');
  if (close < 0) return null;
  const f = stat.slice(close + 2).split(' ');
  // after the comm: state(3) ppid(4) … starttime(22), counted from 1 with pid and comm
  const ppid = Number(f[1]);
  const startTime = Number(f[19]);
  if (!f[0] || !Number.isInteger(ppid) || !Number.isInteger(startTime)) return null;
  return { state: f[0], ppid, startTime };
}

/** A live (not zombie) process's stat, null when it is gone. */
export async function liveProcStat(pid: number): Promise<ProcStat | null> {
  if (!Number.isSafeInteger(pid) || pid <= 1) return null;
  const text = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  const s = text === null ? null : parseProcStat(text);
  return s && s.state !== 'Z' && s.state !== 'X' ? s : null;
}

export function signalPid(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false; // gone already
  }
}

/** Reads a pid file: the pid, or null when absent or not a pid. */
export async function readPidFile(path: string): Promise<number | null> {
  const n = Number((await readFile(path, 'utf8').catch(() => '')).trim());
  return Number.isSafeInteger(n) && n > 1 ? n : null;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
