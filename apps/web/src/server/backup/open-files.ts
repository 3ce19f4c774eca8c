import { readdir, readlink } from 'node:fs/promises';

/**
 * Pids of processes that hold `path` (or its -wal/-shm) open, from /proc/<pid>/fd (Linux; only
 * the processes this user may look into). Restoring under a running web would lose its writes.
 */
export async function processesHolding(path: string, self = process.pid): Promise<number[]> {
  const wanted = new Set([path, `${path}-wal`, `${path}-shm`]);
  const pids: number[] = [];
  for (const entry of await readdir('/proc').catch(() => [] as string[])) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === self) continue;
    const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
    for (const fd of fds) {
      const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => null);
      if (target && wanted.has(target)) {
        pids.push(pid);
        break;
      }
    }
  }
  return pids;
}
