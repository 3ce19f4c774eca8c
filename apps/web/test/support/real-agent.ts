import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deathOnItsOwn, startLogged, stopPid } from '@berth/testkit';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
const AGENT_BIN = join(repoRoot, 'apps/agent/bin/berth-agent.js');
const CLI_BIN = join(repoRoot, 'apps/agent/bin/berth.js');

export interface RealAgent {
  pid: number;
  dir: string;
  dataRoot: string;
  execRoot: string;
  socket: string;
  log(): Promise<string>;
  /** The real `berth` CLI against this agent's socket; stdout, or rejects with stderr. */
  cli(args: string[]): Promise<string>;
  /** Removes every container through the agent (they outlive it by design), then stops it by PID. */
  stop(): Promise<void>;
}

/**
 * Starts the real built agent (`berth-agent`, root: runc, conmon, cgroups) in its own temp roots
 * with the given flags (e.g. `--server URL --join-token T --allow-elevated privileged`).
 */
export async function startRealAgent(args: string[]): Promise<RealAgent> {
  const dir = await mkdtemp(join(tmpdir(), 'berth-web-agent-'));
  const dataRoot = join(dir, 'data');
  const execRoot = join(dir, 'run');
  const socket = join(execRoot, 'agent.sock');
  const logFile = join(dir, 'agent.log');
  const child = startLogged(
    process.execPath,
    [AGENT_BIN, '--data-root', dataRoot, '--exec-root', execRoot, '--socket', socket, ...args],
    { PATH: process.env.PATH ?? '', NODE_ENV: 'production' },
    logFile,
  );
  const pid = child.pid!;
  let signal: NodeJS.Signals | null = null;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (_code, sig) => {
      signal = sig;
      resolve();
    }),
  );
  const cli = (cliArgs: string[]) =>
    new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        [CLI_BIN, '--host', `unix://${socket}`, ...cliArgs],
        { timeout: 60_000 },
        (err, stdout, stderr) => (err ? reject(new Error(stderr || err.message)) : resolve(stdout)),
      ),
    );
  return {
    pid,
    dir,
    dataRoot,
    execRoot,
    socket,
    log: () => readFile(logFile, 'utf8').catch(() => ''),
    cli,
    async stop() {
      try {
        const ids = (await cli(['ps', '-a', '-q'])).split('\n').filter(Boolean);
        if (ids.length > 0) await cli(['rm', '-f', ...ids]);
      } catch {
        // the agent never came up: nothing to reach
      }
      await stopPid(pid);
      // its exit event comes once node has reaped it
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
      const log = await readFile(logFile, 'utf8').catch(() => '');
      await rm(dir, { recursive: true, force: true });
      const died = deathOnItsOwn('the agent', signal, log.slice(-2000));
      if (died) throw new Error(died);
    },
  };
}
