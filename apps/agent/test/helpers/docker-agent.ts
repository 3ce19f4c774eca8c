import { execFile, execFileSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  buildBusyboxImage,
  DOCKER_CLI,
  pushTestImage,
  startRegistry,
  type TestRegistry,
} from '@berth/testkit';
import {
  berth,
  buildAgent,
  startAgent,
  tempRoots,
  type AgentProcess,
  type Roots,
} from './agent-process.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs Debian's docker client (20.10) against `host` (`unix://…`), with its own config dir. */
export function docker(
  host: string,
  configDir: string,
  args: readonly string[],
  opts: { input?: string | Buffer; env?: Record<string, string> } = {},
): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(
      DOCKER_CLI,
      [...args],
      {
        env: {
          PATH: process.env.PATH ?? '',
          DOCKER_HOST: host,
          DOCKER_CONFIG: configDir,
          ...opts.env,
        },
        maxBuffer: 64 << 20,
        timeout: 120_000,
        encoding: 'buffer',
      },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout: stdout.toString('latin1'), stderr: stderr.toString('utf8') });
      },
    );
    // EPIPE when the client exits before reading (a refused `docker run`): its result is the answer
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(opts.input ?? '');
  });
}

/** A real agent serving the Docker API, a loopback registry with a busybox image it has pulled. */
export interface DockerAgent {
  roots: Roots;
  agent: AgentProcess;
  registry: TestRegistry;
  image: string;
  dockerSocket: string;
  host: string;
  /** The docker client against this agent. */
  docker: (args: readonly string[], opts?: { input?: string | Buffer }) => Promise<CliResult>;
  stop: () => Promise<void>;
}

export interface DockerAgentOptions {
  /** The test image's busybox applets (default minimal; `all` has nslookup, ping…). */
  applets?: 'minimal' | 'all';
  /** More agent flags (`--server`, `--default-address-pool` …). */
  args?: string[];
}

export async function startDockerAgent(opts: DockerAgentOptions = {}): Promise<DockerAgent> {
  buildAgent();
  const roots = await tempRoots();
  const registry = await startRegistry();
  const image = `${registry.host}/docker-api/busybox:1`;
  await pushTestImage(image, await buildBusyboxImage({ applets: opts.applets ?? 'minimal' }));
  // its own bridge and subnet: other agents on this machine (tests too) use berth0
  const bridge = `bd${randomBytes(3).toString('hex')}`;
  const dockerSocket = join(roots.execRoot, 'docker.sock');
  const agent = startAgent(roots, [
    '--bridge',
    bridge,
    '--bridge-subnet',
    `10.${200 + randomInt(50)}.${randomInt(256)}.0/24`,
    ...(opts.args ?? []),
  ]);
  await agent.waitForLog(/Docker API listening/);
  const pulled = await berth(roots.socket, ['pull', '-q', image]);
  if (pulled.code !== 0) throw new Error(`pull failed: ${pulled.stderr}`);
  const configDir = join(roots.dir, 'docker-config');
  await mkdir(configDir, { recursive: true });
  const host = `unix://${dockerSocket}`;
  return {
    roots,
    agent,
    registry,
    image,
    dockerSocket,
    host,
    docker: (args, opts) => docker(host, configDir, args, opts),
    stop: async () => {
      const left = await berth(roots.socket, ['ps', '-a', '-q']).catch(() => null);
      for (const id of left?.stdout.split('\n').filter(Boolean) ?? [])
        await berth(roots.socket, ['rm', '-f', id]);
      // networks hold host bridges and dnsmasq processes: never leave them behind
      const nets = await berth(roots.socket, ['network', 'ls', '-q', '--filter', 'type=custom']);
      for (const id of nets.stdout.split('\n').filter(Boolean))
        await berth(roots.socket, ['network', 'rm', id]);
      await agent.stop();
      await registry.stop();
      await roots.cleanup();
      try {
        execFileSync('ip', ['link', 'del', bridge], { stdio: 'ignore' });
      } catch {
        /* never created */
      }
    },
  };
}
