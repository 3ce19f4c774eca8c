import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { repoRoot } from './paths.js';
import { deathOnItsOwn, startLogged, stopPid } from '@berth/testkit';

export interface RunningAgent {
  readonly pid: number;
  dataRoot: string;
  execRoot: string;
  socket: string;
  log: string;
  logText(): string;
  alive(): boolean;
  /** SIGKILL, as a crash would (containers keep running). */
  crash(): void;
  /** Starts the agent again on the same roots (its stored credential; no join token). */
  restart(): void;
  /** Starts the agent again on the same roots with no web at all (test cleanup). */
  restartLocal(): void;
  stop(): Promise<void>;
  /**
   * Each of this agent's processes that died on its own — of a signal the harness did not send
   * (an abort from a native assertion, a segfault) — with its log's end. Read after `stop()`.
   */
  deaths(): string[];
}

/** What a join command runs: its environment assignments and the agent's arguments. */
export interface JoinCommand {
  env: Record<string, string>;
  args: string[];
}

/**
 * Parses the one-line join command the UI shows into the environment and agent arguments it
 * amounts to: `curl -fsSL URL/install.sh | sudo BERTH_JOIN_TOKEN=T sh -s -- --sha256 H` (a built
 * bundle; the real install runs in apps/web/test/install.test.ts) or `BERTH_JOIN_TOKEN=T npx
 * berth-agent --server URL` both become env `BERTH_JOIN_TOKEN=T` and `--server URL`, run with the
 * repo's built agent in its own data/exec roots so several agents can share this machine.
 */
export function parseJoinCommand(command: string): JoinCommand {
  const token = /BERTH_JOIN_TOKEN=(\S+)/.exec(command)?.[1];
  const server = /(\S+)\/install\.sh \|/.exec(command)?.[1] ?? /--server (\S+)/.exec(command)?.[1];
  if (!token || !server) throw new Error(`not a join command: ${command}`);
  return { env: { BERTH_JOIN_TOKEN: token }, args: ['--server', server] };
}

export function startAgent(cmd: JoinCommand, dir: string): RunningAgent {
  const dataRoot = join(dir, 'data');
  const execRoot = join(dir, 'run');
  mkdirSync(dataRoot, { recursive: true });
  const socket = join(execRoot, 'agent.sock');
  const log = join(dir, 'agent.log');
  const spawnWith = (env: Record<string, string>, args = cmd.args) =>
    startLogged(
      process.execPath,
      [
        join(repoRoot, 'apps/agent/bin/berth-agent.js'),
        ...args,
        '--data-root',
        dataRoot,
        '--exec-root',
        execRoot,
        '--socket',
        socket,
      ],
      { ...process.env, ...env },
      log,
    );
  const deaths: string[] = [];
  const exits: Promise<void>[] = [];
  const logTail = () => readFileSync(log, 'utf8').split('\n').slice(-15).join('\n');
  const watch = (c: ChildProcess): ChildProcess => {
    exits.push(
      new Promise((resolve) =>
        c.once('exit', (_code, signal) => {
          const died = deathOnItsOwn('the agent', signal, logTail());
          if (died) deaths.push(died);
          resolve();
        }),
      ),
    );
    return c;
  };
  let child: ChildProcess = watch(spawnWith(cmd.env));
  return {
    get pid() {
      return child.pid!;
    },
    dataRoot,
    execRoot,
    socket,
    log,
    logText: () => readFileSync(log, 'utf8'),
    alive: () => child.exitCode === null && child.signalCode === null,
    crash: () => {
      process.kill(child.pid!, 'SIGKILL');
    },
    restart: () => {
      // Later starts use the stored credential: no join token.
      const { BERTH_JOIN_TOKEN: _used, ...env } = cmd.env;
      child = watch(spawnWith(env));
    },
    restartLocal: () => {
      const { BERTH_JOIN_TOKEN: _used, ...env } = cmd.env;
      child = watch(spawnWith(env, []));
    },
    stop: async () => {
      await stopPid(child.pid!);
      // its exit event (the signal it ended by) comes once node has reaped it
      await Promise.race([Promise.all(exits), new Promise((r) => setTimeout(r, 2000))]);
    },
    deaths: () => [...deaths],
  };
}
