import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { onCleanup } from './cleanup.js';
import { BenchError } from './errors.js';
import { recordNetwork, removeDockerNetwork, restoreForwardPolicy } from './docker-network.js';
import { runChecked, spawnDaemon, waitUntilReady } from './process.js';
import { makeTempDir } from './temp.js';
import { unixRequest } from './unix-http.js';

export const DOCKERD = '/usr/sbin/dockerd';
/** Debian's client, matching dockerd (not whatever else is first on PATH). */
export const DOCKER = '/usr/bin/docker';

const exists = (p: string) =>
  access(p).then(
    () => true,
    () => false,
  );

/** Installs Debian's docker.io (benchmarks only) when dockerd or its client is missing. */
export async function ensureDockerInstalled(log: (line: string) => void): Promise<void> {
  if ((await exists(DOCKERD)) && (await exists(DOCKER))) return;
  log('dockerd not found: apt-get install -y docker.io …');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await runChecked('apt-get', ['update', '-q'], { env });
  await runChecked('apt-get', ['install', '-y', '-q', '--no-install-recommends', 'docker.io'], {
    env,
  });
  if (!(await exists(DOCKERD))) throw new BenchError(`docker.io installed but ${DOCKERD} missing`);
}

export interface Dockerd {
  readonly pid: number;
  readonly socket: string;
  /** `unix://<socket>`, for `docker -H`. */
  readonly host: string;
  /** Runs `docker -H <host> …`; throws with stderr on a non-zero exit. */
  docker(args: readonly string[]): Promise<string>;
  stop(): Promise<void>;
}

export interface DockerdOptions {
  /** Extra dockerd flags; the defaults disable the bridge and iptables. */
  extraArgs?: readonly string[];
  /**
   * Docker's default networking instead: the `docker0` bridge on `bip` (e.g. `10.213.0.1/24`,
   * away from Berth's 10.88/16) and iptables. What it adds is removed on stop (docker-network.ts).
   */
  bridge?: { bip: string };
}

const DOCKER_BRIDGE = 'docker0';

/**
 * A private dockerd: its own data root, exec root, pidfile and unix socket in a temp dir, so it
 * disturbs nothing else on the machine. Stopped by PID (and its managed containerd too).
 */
export async function startDockerd(opts: DockerdOptions = {}): Promise<Dockerd> {
  const dir = await makeTempDir('dockerd');
  const socket = join(dir.path, 'docker.sock');
  const execRoot = join(dir.path, 'exec');
  const network = opts.bridge ? await recordNetwork(DOCKER_BRIDGE) : null;
  // Registered before the daemon, so on an early exit it runs after the daemon was stopped.
  let networkRemoved: Promise<void> | null = null;
  const removeNetwork = () =>
    (networkRemoved ??= network ? removeDockerNetwork(network, DOCKER_BRIDGE) : Promise.resolve());
  const unregisterNetwork = onCleanup(`remove ${DOCKER_BRIDGE} and its iptables rules`, () =>
    removeNetwork(),
  );
  const networkArgs = opts.bridge
    ? [`--bip=${opts.bridge.bip}`, '--iptables=true']
    : ['--bridge=none', '--iptables=false'];
  const daemon = spawnDaemon('dockerd', DOCKERD, [
    '--data-root',
    join(dir.path, 'data'),
    '--exec-root',
    execRoot,
    '--pidfile',
    join(dir.path, 'docker.pid'),
    '-H',
    `unix://${socket}`,
    ...networkArgs,
    '--log-level=warn',
    ...(opts.extraArgs ?? []),
  ]);
  const env = { ...process.env, DOCKER_CONFIG: join(dir.path, 'cli') };
  const host = `unix://${socket}`;
  const stop = async () => {
    const containerdPid = await readFile(join(execRoot, 'containerd', 'containerd.pid'), 'utf8')
      .then((s) => Number.parseInt(s, 10))
      .catch(() => NaN);
    await daemon.stop(20_000);
    // dockerd stops its managed containerd on a clean exit; make sure of it.
    if (Number.isInteger(containerdPid) && containerdPid > 0) {
      try {
        process.kill(containerdPid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await dir.remove();
    await removeNetwork();
    unregisterNetwork();
  };
  try {
    await waitUntilReady(
      daemon,
      async () => (await unixRequest(socket, 'GET', '/_ping')).status === 200,
      60_000,
    );
    if (network) await restoreForwardPolicy(network);
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    pid: daemon.pid,
    socket,
    host,
    docker: (args) => runChecked(DOCKER, ['-H', host, ...args], { env }),
    stop,
  };
}

export interface DockerInfo {
  readonly version: string;
  readonly storageDriver: string;
}

/** Server version and storage driver, e.g. `20.10.24+dfsg1` on `overlay2`. */
export async function dockerInfo(d: Dockerd): Promise<DockerInfo> {
  const out = await d.docker(['info', '--format', '{{.ServerVersion}} {{.Driver}}']);
  const [version = '?', storageDriver = '?'] = out.trim().split(' ');
  return { version, storageDriver };
}
