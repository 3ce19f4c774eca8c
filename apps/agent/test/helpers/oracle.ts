import { execFileSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  buildBusyboxImage,
  diffTrees,
  pushTestImage,
  startPrivateDockerd,
  startRegistry,
  walkTree,
  type PrivateDockerd,
  type TestRegistry,
  type Tree,
} from '@berth/testkit';
import {
  berth,
  buildAgent,
  startAgent,
  tempRoots,
  type AgentProcess,
  type Roots,
} from './agent-process.js';
import { docker, type CliResult } from './docker-agent.js';

/**
 * Docker as the oracle: a private dockerd, a loopback registry and a real Berth agent serving the
 * Docker API, side by side. `dockerd(…)` and `berth(…)` run Debian's docker client against each;
 * an image built by dockerd's own builder goes through the registry into both engines.
 */
export interface Oracle {
  registry: TestRegistry;
  dockerd: PrivateDockerd;
  roots: Roots;
  agent: AgentProcess;
  /** A busybox image (every applet) in the registry and in dockerd, for `FROM`. */
  busybox: string;
  onDocker: (args: readonly string[], opts?: CliOpts) => Promise<CliResult>;
  onBerth: (args: readonly string[], opts?: CliOpts) => Promise<CliResult>;
  /** `docker build` (legacy builder, no network), `docker push`, then drops every image from
   * dockerd and pulls `ref` back, so dockerd's tree comes from the registry's layers too. */
  buildAndPush: (context: string, ref: string, buildArgs?: Record<string, string>) => Promise<void>;
  /** Pulls `ref` into Berth with Berth's own CLI (`berth pull`). */
  pullIntoBerth: (ref: string) => Promise<void>;
  /** Runs `sleep` from `ref` on both engines, walks both root file systems, removes both. */
  walkBoth: (ref: string) => Promise<{ docker: Tree; berth: Tree }>;
  stop: () => Promise<void>;
}

export interface CliOpts {
  input?: string | Buffer;
  env?: Record<string, string>;
}

/**
 * What dockerd's init layer adds to every container when the image lacks it, exactly as
 * `diffTrees` describes it: `/.dockerenv` (empty) and `/etc/mtab -> /proc/mounts`. Berth adds
 * neither (the mounts it makes, /etc/hosts and friends, are skipped by the walker as mounts).
 */
export const DOCKER_INIT_LAYER = [
  'only in docker: .dockerenv (file 0755 0:0 size=0 sha256=e3b0c44298fc1c14)',
  'only in docker: etc/mtab (symlink 0777 0:0 size=12 -> /proc/mounts)',
];

/** Every difference between Docker's tree and Berth's, less Docker's init-layer files. */
export function engineDiff(trees: { docker: Tree; berth: Tree }): string[] {
  return diffTrees(trees.docker, trees.berth, ['docker', 'berth']).filter(
    (line) => !DOCKER_INIT_LAYER.includes(line),
  );
}

export async function startOracle(): Promise<Oracle> {
  buildAgent();
  const cleanups: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  };
  try {
    const registry = await startRegistry();
    cleanups.push(() => registry.stop());
    const dockerd = await startPrivateDockerd();
    cleanups.push(() => dockerd.stop());
    const roots = await tempRoots();
    cleanups.push(() => roots.cleanup());
    const configDir = join(roots.dir, 'docker-config');
    await mkdir(configDir, { recursive: true });
    const bridge = `bf${randomBytes(3).toString('hex')}`;
    cleanups.push(async () => {
      try {
        execFileSync('ip', ['link', 'del', bridge], { stdio: 'ignore' });
      } catch {
        /* never created */
      }
    });
    const agent = startAgent(roots, [
      '--bridge',
      bridge,
      '--bridge-subnet',
      `10.${200 + randomInt(50)}.${randomInt(256)}.0/24`,
    ]);
    cleanups.push(async () => {
      await removeAll(roots.socket);
      await agent.stop();
    });
    await agent.waitForLog(/Docker API listening/);
    const onDocker = (args: readonly string[], o: CliOpts = {}) =>
      docker(dockerd.host, configDir, args, { ...o, env: { DOCKER_BUILDKIT: '0', ...o.env } });
    const berthHost = `unix://${join(roots.execRoot, 'docker.sock')}`;
    const onBerth = (args: readonly string[], o: CliOpts = {}) =>
      docker(berthHost, configDir, args, o);
    const busybox = `${registry.host}/fidelity/busybox:1`;
    await pushTestImage(busybox, await buildBusyboxImage({ applets: 'all' }));
    await must(onDocker(['pull', '-q', busybox]), 'docker pull of the busybox base');

    const pullIntoBerth = async (ref: string) => {
      const pulled = await berth(roots.socket, ['pull', '-q', ref]);
      if (pulled.code !== 0) throw new Error(`berth pull ${ref}: ${pulled.stderr}`);
    };
    const buildAndPush = async (
      context: string,
      ref: string,
      buildArgs: Record<string, string> = {},
    ) => {
      const args = ['build', '-q', '--network', 'none', '-t', ref];
      for (const [k, v] of Object.entries({ BASE: busybox, ...buildArgs }))
        args.push('--build-arg', `${k}=${v}`);
      await must(onDocker([...args, context]), `docker build of ${ref}`);
      await must(onDocker(['push', ref]), `docker push ${ref}`);
      // every image goes (the build's base too), so all of dockerd's layers come from the registry
      await must(onDocker(['rmi', ref]), `docker rmi ${ref}`);
      await must(onDocker(['image', 'prune', '--all', '--force']), 'docker image prune');
      await must(onDocker(['pull', '-q', ref]), `docker pull ${ref}`);
    };
    const walkBoth = async (ref: string) => {
      const trees: Partial<Record<'docker' | 'berth', Tree>> = {};
      for (const [side, run] of [
        ['docker', onDocker],
        ['berth', onBerth],
      ] as const) {
        const started = await must(
          run(['run', '-d', '--network', 'none', '--entrypoint', '/bin/sleep', ref, '3600']),
          `${side}: run ${ref}`,
        );
        const id = started.stdout.trim();
        try {
          const pid = (await must(run(['inspect', '-f', '{{.State.Pid}}', id]), 'inspect')).stdout;
          trees[side] = walkTree(`/proc/${pid.trim()}/root`);
        } finally {
          await run(['rm', '-f', id]);
        }
      }
      return { docker: trees.docker!, berth: trees.berth! };
    };
    return {
      registry,
      dockerd,
      roots,
      agent,
      busybox,
      onDocker,
      onBerth,
      buildAndPush,
      pullIntoBerth,
      walkBoth,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** The result, or an error with the command's stderr when it failed. */
export async function must(p: Promise<CliResult>, what: string): Promise<CliResult> {
  const r = await p;
  if (r.code !== 0) throw new Error(`${what} failed (exit ${r.code}): ${r.stderr}${r.stdout}`);
  return r;
}

async function removeAll(socket: string): Promise<void> {
  const left = await berth(socket, ['ps', '-a', '-q']).catch(() => null);
  for (const id of left?.stdout.split('\n').filter(Boolean) ?? [])
    await berth(socket, ['rm', '-f', id]);
}
