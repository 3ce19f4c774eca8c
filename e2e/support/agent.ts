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

/**
 * Parses the one-line join command the UI shows into the agent arguments it amounts to:
 * `curl -fsSL URL/install.sh | sudo BERTH_JOIN_TOKEN=T sh -s -- --sha256 H` (a built bundle; the
 * real install is exercised by apps/web/test/install.test.ts) or `BERTH_JOIN_TOKEN=T npx
 * berth-agent --server URL` both become `--server URL --join-token T`, run with the repo's built
 * agent in its own data/exec roots so several agents can share this machine.
 */
export function parseJoinCommand(command: string): string[] {
  const token = /BERTH_JOIN_TOKEN=(\S+)/.exec(command)?.[1];
  const server = /(\S+)\/install\.sh \|/.exec(command)?.[1] ?? /--server (\S+)/.exec(command)?.[1];
  if (!token || !server) throw new Error(`not a join command: ${command}`);
  return ['--server', server, '--join-token', token];
}

function withoutJoinToken(args: string[]): string[] {
  const at = args.indexOf('--join-token');
  return at < 0 ? args : [...args.slice(0, at), ...args.slice(at + 2)];
}

export function startAgent(args: string[], dir: string): RunningAgent {
  const dataRoot = join(dir, 'data');
  const execRoot = join(dir, 'run');
  mkdirSync(dataRoot, { recursive: true });
  const socket = join(execRoot, 'agent.sock');
  const log = join(dir, 'agent.log');
  const spawnWith = (a: string[]) =>
    startLogged(
      process.execPath,
      [
        join(repoRoot, 'apps/agent/bin/berth-agent.js'),
        ...a,
        '--data-root',
        dataRoot,
        '--exec-root',
        execRoot,
        '--socket',
        socket,
      ],
      { ...process.env },
      log,
    );
  let child: ChildProcess = spawnWith(args);
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
      child = spawnWith(withoutJoinToken(args));
    },
    stop: () => stopPid(child.pid!),
  };
}
