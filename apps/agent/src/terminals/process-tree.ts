import { readdir, readFile } from 'node:fs/promises';

export interface ProcEntry {
  pid: number;
  ppid: number;
}

/** Pure: the parent pid in a /proc/<pid>/stat line (`pid (comm, may hold ") ") S ppid …`). */
export function parentOf(stat: string): number | null {
  const close = stat.lastIndexOf(')');
  if (close < 0) return null;
  const ppid = Number(stat.slice(close + 2).split(' ')[1]);
  return Number.isInteger(ppid) ? ppid : null;
}

/** Pure: every descendant of `root` (children first-found order), not `root` itself. */
export function descendants(root: number, procs: readonly ProcEntry[]): number[] {
  const children = new Map<number, number[]>();
  for (const p of procs) {
    const list = children.get(p.ppid);
    if (list) list.push(p.pid);
    else children.set(p.ppid, [p.pid]);
  }
  const out: number[] = [];
  const queue = [root];
  const seen = new Set(queue);
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      if (seen.has(child)) continue;
      seen.add(child);
      out.push(child);
      queue.push(child);
    }
  }
  return out;
}

/** Every process of the host with its parent (read from /proc; vanished ones are skipped). */
export async function readProcs(proc = '/proc'): Promise<ProcEntry[]> {
  const names = (await readdir(proc)).filter((n) => /^\d+$/.test(n));
  const entries = await Promise.all(
    names.map(async (n) => {
      const stat = await readFile(`${proc}/${n}/stat`, 'utf8').catch(() => null);
      const ppid = stat === null ? null : parentOf(stat);
      return ppid === null ? null : { pid: Number(n), ppid };
    }),
  );
  return entries.filter((e): e is ProcEntry => e !== null);
}

function signal(pid: number, sig: NodeJS.Signals): boolean {
  try {
    process.kill(pid, sig);
    return true;
  } catch {
    return false; // gone already
  }
}

/**
 * Ends what a terminal started: SIGHUP to every descendant of its process (the shell and its
 * jobs, background ones too — they would otherwise outlive the session on the container's
 * init), then SIGKILL to those still there after `graceMs`. Resolves once the SIGHUPs are sent
 * (call it before the terminal hangs up, while the tree still hangs together); `killed` settles
 * after the SIGKILLs.
 */
export async function hangUpTree(
  rootPid: number,
  graceMs = 1000,
): Promise<{ signalled: number; killed: Promise<void> }> {
  const pids = descendants(rootPid, await readProcs());
  const alive = pids.filter((pid) => signal(pid, 'SIGHUP'));
  const killed =
    alive.length === 0
      ? Promise.resolve()
      : new Promise<void>((resolve) =>
          setTimeout(() => {
            for (const pid of alive) signal(pid, 'SIGKILL');
            resolve();
          }, graceMs),
        );
  return { signalled: alive.length, killed };
}
