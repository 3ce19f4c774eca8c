import { dirname, join } from 'node:path';
import type { BerthAgent } from '../lib/agent.js';
import { CLI_BIN } from '../lib/agent.js';
import { DOCKER, type Dockerd } from '../lib/dockerd.js';
import { run, runChecked, type RunResult } from '../lib/process.js';

/** Debian's docker client pointed at one engine's socket: the only thing both sides share. */
export interface DockerClient {
  /**
   * `docker` (dockerd), `berth` (the agent's Docker API socket) or `berth-baseline` (another
   * build's agent, `--baseline-bin`).
   */
  readonly engine: 'docker' | 'berth' | 'berth-baseline';
  readonly host: string;
  /** Runs `docker -H <host> …`; throws with stderr on a non-zero exit; returns stdout. */
  docker(args: readonly string[]): Promise<string>;
  /** The same, never throwing. */
  tryDocker(args: readonly string[]): Promise<RunResult>;
}

function client(engine: DockerClient['engine'], host: string, configDir: string): DockerClient {
  const env = { ...process.env, DOCKER_CONFIG: configDir };
  return {
    engine,
    host,
    docker: (args) => runChecked(DOCKER, ['-H', host, ...args], { env }),
    tryDocker: (args) => run(DOCKER, ['-H', host, ...args], { env }),
  };
}

export function dockerdClient(d: Dockerd, configDir: string): DockerClient {
  return client('docker', d.host, configDir);
}

/** The agent serves the Docker API at `<exec-root>/docker.sock`, beside its own socket. */
export function berthDockerSocket(agent: BerthAgent): string {
  return join(dirname(agent.socket), 'docker.sock');
}

export function berthClient(
  agent: BerthAgent,
  configDir: string,
  engine: 'berth' | 'berth-baseline' = 'berth',
): DockerClient {
  return client(engine, `unix://${berthDockerSocket(agent)}`, configDir);
}

/** Berth's own CLI (the fallback where the Docker API lacks an endpoint, e.g. images). */
export function berthCli(agent: BerthAgent, args: readonly string[]): Promise<string> {
  return runChecked(process.execPath, [CLI_BIN, '--host', agent.host, ...args]);
}
