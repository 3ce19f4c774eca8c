import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths.js';
import { startLogged, stopPid } from '@berth/testkit';

export interface RunningAgent {
  pid: number;
  dataRoot: string;
  execRoot: string;
  socket: string;
  log: string;
  logText(): string;
  stop(): Promise<void>;
}

/**
 * Parses the one-line join command the UI shows (`npx berth-agent --server URL --join-token T`)
 * and runs exactly those arguments with the repo's built agent, in its own data/exec roots so
 * several agents can share this machine.
 */
export function parseJoinCommand(command: string): string[] {
  const words = command.trim().split(/\s+/);
  const at = words.indexOf('berth-agent');
  if (at < 0) throw new Error(`not a berth-agent command: ${command}`);
  return words.slice(at + 1);
}

export function startAgent(args: string[], dir: string): RunningAgent {
  const dataRoot = join(dir, 'data');
  const execRoot = join(dir, 'run');
  mkdirSync(dataRoot, { recursive: true });
  const socket = join(execRoot, 'agent.sock');
  const log = join(dir, 'agent.log');
  const child = startLogged(
    process.execPath,
    [join(repoRoot, 'apps/agent/bin/berth-agent.js'), ...args, '--data-root', dataRoot, '--exec-root', execRoot, '--socket', socket],
    { ...process.env },
    log,
  );
  return {
    pid: child.pid!,
    dataRoot,
    execRoot,
    socket,
    log,
    logText: () => readFileSync(log, 'utf8'),
    stop: () => stopPid(child.pid!),
  };
}
