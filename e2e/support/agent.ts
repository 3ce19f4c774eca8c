import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { repoRoot } from './paths.js';
import { startLogged, stopPid } from '@berth/testkit';

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
  stop(): Promise<void>;
}

/** What a join command runs: its environment assignments and the agent's arguments. */
export interface JoinCommand {
  env: Record<string, string>;
  args: string[];
}

/**
 * Parses the one-line join command the UI shows (`BERTH_JOIN_TOKEN=T npx berth-agent --server
 * URL`) and runs exactly that environment and those arguments with the repo's built agent, in
 * its own data/exec roots so several agents can share this machine.
 */
export function parseJoinCommand(command: string): JoinCommand {
  const words = command.trim().split(/\s+/);
  const at = words.indexOf('berth-agent');
  if (at < 0) throw new Error(`not a berth-agent command: ${command}`);
  const env: Record<string, string> = {};
  for (const w of words.slice(0, at)) {
    const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(w);
    if (m) env[m[1]!] = m[2]!;
  }
  return { env, args: words.slice(at + 1) };
}

export function startAgent(cmd: JoinCommand, dir: string): RunningAgent {
  const dataRoot = join(dir, 'data');
  const execRoot = join(dir, 'run');
  mkdirSync(dataRoot, { recursive: true });
  const socket = join(execRoot, 'agent.sock');
  const log = join(dir, 'agent.log');
  const spawnWith = (env: Record<string, string>) =>
    startLogged(
      process.execPath,
      [
        join(repoRoot, 'apps/agent/bin/berth-agent.js'),
        ...cmd.args,
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
  let child: ChildProcess = spawnWith(cmd.env);
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
      child = spawnWith(env);
    },
    stop: () => stopPid(child.pid!),
  };
}
