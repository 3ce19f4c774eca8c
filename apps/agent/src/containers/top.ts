import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { TopResponse } from '@berth/protocol';

const exec = promisify(execFile);

/** Pure: where a cgroup's process list can be (v1 controllers first, then v2's unified tree). */
export function procsFiles(cgroupsPath: string, root = '/sys/fs/cgroup'): string[] {
  return ['pids', 'memory', 'cpu,cpuacct', 'systemd', ''].map((c) =>
    `${root}/${c}${cgroupsPath}/cgroup.procs`.replace('//', '/'),
  );
}

/** Pure: `ps` output (header + rows) → titles and rows; the last column (args) keeps its spaces. */
export function parsePs(out: string): TopResponse {
  const lines = out.split('\n').filter((l) => l.trim() !== '');
  const titles = (lines[0] ?? '').trim().split(/\s+/);
  const processes = lines.slice(1).map((l) => {
    const parts = l.trim().split(/\s+/);
    return [...parts.slice(0, titles.length - 1), parts.slice(titles.length - 1).join(' ')];
  });
  return { titles, processes };
}

/** `top`: the container's processes as `ps -o uid,pid,ppid,stime,time,args` sees them. */
export async function topOf(cgroupsPath: string): Promise<TopResponse> {
  let pids: string[] = [];
  for (const f of procsFiles(cgroupsPath)) {
    const text = await readFile(f, 'utf8').catch(() => null);
    if (text === null) continue;
    pids = text.split('\n').filter((l) => /^\d+$/.test(l));
    if (pids.length > 0) break;
  }
  if (pids.length === 0)
    return { titles: ['UID', 'PID', 'PPID', 'STIME', 'TIME', 'CMD'], processes: [] };
  const { stdout } = await exec('ps', ['-o', 'uid,pid,ppid,stime,time,args', '-p', pids.join(',')]);
  return parsePs(stdout);
}
