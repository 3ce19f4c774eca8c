import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { isAlive, startLogged, stopPid } from './processes.js';
import { makeTempDir } from './temp.js';
import { waitFor } from './wait.js';

const run = promisify(execFile);

export const DOCKERD_BIN = '/usr/sbin/dockerd';
/** Debian's docker.io client (20.10), not whatever else is first on PATH. */
export const DOCKER_CLI = '/usr/bin/docker';

export interface PrivateDockerd {
  pid: number;
  dir: string;
  socket: string;
  /** `unix://<socket>` for DOCKER_HOST. */
  host: string;
  stop(): Promise<void>;
}

/**
 * A private dockerd for differential tests (Docker as the oracle): its own data root, exec root,
 * pidfile and socket in a temp dir, no bridge and no iptables (`--bridge none`), so it touches
 * nothing else on the machine. It treats 127.0.0.0/8 registries as insecure, so images from the
 * loopback registry pull as they are. Stopped by PID, with the containerd it manages.
 */
export async function startPrivateDockerd(): Promise<PrivateDockerd> {
  const dir = await makeTempDir('dockerd');
  const socket = join(dir, 'docker.sock');
  const execRoot = join(dir, 'exec');
  const log = join(dir, 'dockerd.log');
  const child = startLogged(
    DOCKERD_BIN,
    [
      '--data-root',
      join(dir, 'data'),
      '--exec-root',
      execRoot,
      '--pidfile',
      join(dir, 'docker.pid'),
      '-H',
      `unix://${socket}`,
      '--bridge=none',
      '--iptables=false',
      '--ip6tables=false',
      '--log-level=warn',
    ],
    process.env,
    log,
  );
  const pid = child.pid!;
  const host = `unix://${socket}`;
  const stop = async () => {
    const containerd = await readFile(join(execRoot, 'containerd', 'containerd.pid'), 'utf8')
      .then((s) => Number.parseInt(s, 10))
      .catch(() => NaN);
    await stopPid(pid, 20_000);
    if (Number.isInteger(containerd) && containerd > 0 && isAlive(containerd))
      await stopPid(containerd, 5000);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(
      'private dockerd',
      async () => {
        await run(DOCKER_CLI, ['-H', host, 'version'], { timeout: 5000 });
        return true;
      },
      {
        timeoutMs: 60_000,
        intervalMs: 200,
        giveUp: () => (isAlive(pid) ? undefined : 'it exited'),
      },
    );
  } catch (err) {
    const output = readFileSync(log, 'utf8').slice(-2000);
    await stop();
    throw new Error(`dockerd did not start: ${(err as Error).message}\n${output}`);
  }
  return { pid, dir, socket, host, stop };
}
