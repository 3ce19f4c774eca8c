import { readdir, readFile, rm } from 'node:fs/promises';
import { EXEC_SESSION_ID, execSessionPaths, execSessionsRoot } from './conmon-exec-args.js';
import { liveProcStat, readPidFile, signalPid, sleep } from './proc-stat.js';

/** How long a hung-up exec'd process has before SIGKILL. */
const SWEEP_GRACE_MS = 1000;

/** conmon of exec session `sessionId` is that pid (its command line names the session). */
async function isSessionConmon(pid: number, sessionId: string): Promise<boolean> {
  if ((await liveProcStat(pid)) === null) return false;
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  const args = cmdline.split('\0');
  const u = args.indexOf('-u');
  return u >= 0 && args[u + 1] === sessionId && args.includes('--exec');
}

/**
 * Ends the interactive exec sessions a previous agent left (conmon outlives the agent: it is a
 * daemon). Each is hung up as the agent's death used to hang up its PTY: conmon is killed, which
 * closes the console's master, and the kernel sends the terminal's session SIGHUP; what still
 * runs after a grace time is SIGKILLed. Processes are found through the session's pid files and
 * checked against /proc (a pid is only signalled while it is that session's conmon, or its
 * child with the start time it had). Then every session directory is removed. Call it at agent
 * start, before any session of its own opens. Returns the sessions that were still running.
 */
export async function sweepExecSessions(execRoot: string): Promise<number> {
  const names = await readdir(execSessionsRoot(execRoot)).catch(() => [] as string[]);
  let running = 0;
  await Promise.all(
    names.map(async (name) => {
      const paths = execSessionPaths(execRoot, name);
      if (!EXEC_SESSION_ID.test(name)) return rm(paths.dir, { recursive: true, force: true });
      const conmonPid = await readPidFile(paths.conmonPidFile);
      if (conmonPid !== null && (await isSessionConmon(conmonPid, name))) {
        running++;
        const pid = await readPidFile(paths.pidFile);
        const before = pid === null ? null : await liveProcStat(pid);
        const child = pid !== null && before?.ppid === conmonPid ? pid : null;
        signalPid(conmonPid, 'SIGKILL');
        if (child !== null) {
          for (let waited = 0; waited < SWEEP_GRACE_MS; waited += 50) {
            if ((await liveProcStat(child))?.startTime !== before?.startTime) break;
            await sleep(50);
          }
          if ((await liveProcStat(child))?.startTime === before?.startTime)
            signalPid(child, 'SIGKILL');
        }
      }
      await rm(paths.dir, { recursive: true, force: true });
    }),
  );
  return running;
}
