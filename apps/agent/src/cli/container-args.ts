import { parseByteSize, type CreateContainerRequest } from '@berth/protocol';
import { Option, type Command } from 'commander';
import { parseDuration } from '@berth/compose/units';
import { AgentError } from '../errors.js';

const collect = (v: string, prev: string[] | undefined) => [...(prev ?? []), v];

/** The `run`/`create` flags as commander gives them. */
export interface RunFlags {
  detach?: boolean;
  name?: string;
  env?: string[];
  publish?: string[];
  volume?: string[];
  memory?: string;
  memorySwap?: string;
  cpus?: string;
  cpuShares?: string;
  cpusetCpus?: string;
  pidsLimit?: string;
  restart?: string;
  init?: boolean;
  network?: string;
  networkAlias?: string[];
  ip?: string;
  workdir?: string;
  user?: string;
  hostname?: string;
  entrypoint?: string;
  rm?: boolean;
  interactive?: boolean;
  tty?: boolean;
  readOnly?: boolean;
  tmpfs?: string[];
  capAdd?: string[];
  capDrop?: string[];
  label?: string[];
  privileged?: boolean;
  securityOpt?: string[];
  cgroupns?: string;
  stopSignal?: string;
  stopTimeout?: string;
  quiet?: boolean;
  healthCmd?: string;
  healthInterval?: string;
  healthTimeout?: string;
  healthRetries?: string;
  healthStartPeriod?: string;
  healthStartInterval?: string;
  healthcheck?: boolean;
}

/** Adds docker's create/run flags to a command. */
export function addRunFlags(cmd: Command): Command {
  return cmd
    .option('--name <name>', 'assign a name to the container')
    .option(
      '-e, --env <KEY=VALUE>',
      'set an environment variable (KEY alone: from this shell)',
      collect,
    )
    .option('-p, --publish <[ip:]host:container[/proto]>', 'publish a port', collect)
    .option('-v, --volume <src:dst[:ro]>', 'bind mount (absolute src) or named volume', collect)
    .option('-m, --memory <bytes>', 'memory limit, e.g. 64m')
    .option('--memory-swap <bytes>', 'memory + swap limit; -1 = unlimited swap')
    .option('--cpus <n>', 'number of CPUs, e.g. 0.5')
    .option('--cpu-shares <n>', 'relative CPU weight')
    .option('--cpuset-cpus <list>', 'CPUs allowed, e.g. 0-1')
    .option('--pids-limit <n>', 'max processes')
    .option('--restart <policy>', 'no | always | unless-stopped | on-failure[:N]')
    .option('--init', 'run an init (catatonit/tini) as PID 1 that reaps zombies')
    .option('--network <network>', 'bridge (default), none, host, or a network name')
    .option('--network-alias <name>', 'an alias on the --network (user-defined)', collect)
    .option('--ip <address>', 'a static IPv4 address on the --network (user-defined)')
    .option('-w, --workdir <dir>', 'working directory inside the container')
    .option('-u, --user <user[:group]>', 'user name or uid[:gid]')
    .option('--hostname <name>', 'container host name')
    .option('--entrypoint <cmd>', 'override the image entrypoint ("" clears it)')
    .option('--rm', 'remove the container when it exits')
    .option('-i, --interactive', 'keep stdin open (see -t)')
    .option('-t, --tty', 'allocate a terminal')
    .option('--read-only', 'mount the root filesystem read-only')
    .option('--tmpfs <path[:opts]>', 'mount a tmpfs', collect)
    .option('--cap-add <cap>', 'add a capability', collect)
    .option('--cap-drop <cap>', 'drop a capability', collect)
    .option('-l, --label <key=value>', 'set a label', collect)
    .option('--privileged', 'all capabilities and devices')
    .option(
      '--security-opt <opt>',
      'seccomp=unconfined|FILE, apparmor=PROFILE|unconfined, no-new-privileges',
      collect,
    )
    .addOption(
      new Option('--cgroupns <mode>', 'cgroup namespace (default private)').choices([
        'private',
        'host',
      ]),
    )
    .option('--stop-signal <signal>', 'signal to stop the container')
    .option('--stop-timeout <seconds>', 'seconds to wait before SIGKILL on stop')
    .option('--health-cmd <command>', 'command to run to check health (run by /bin/sh -c)')
    .option('--health-interval <duration>', 'time between health checks (ms|s|m|h), default 30s')
    .option('--health-timeout <duration>', 'maximum time a check may run, default 30s')
    .option('--health-retries <n>', 'consecutive failures before unhealthy, default 3')
    .option('--health-start-period <duration>', 'failures in this start period do not count')
    .option('--health-start-interval <duration>', 'time between checks in the start period')
    .option('--no-healthcheck', "disable the image's HEALTHCHECK");
}

/** Pure: the `--health-*` / `--no-healthcheck` flags → the request's health check, if any. */
export function toHealthcheck(f: RunFlags): CreateContainerRequest['healthcheck'] {
  const given =
    f.healthCmd !== undefined ||
    [
      f.healthInterval,
      f.healthTimeout,
      f.healthRetries,
      f.healthStartPeriod,
      f.healthStartInterval,
    ].some((v) => v !== undefined);
  if (f.healthcheck === false) {
    if (given) throw usage('--no-healthcheck conflicts with --health-* options');
    return { test: ['NONE'] };
  }
  if (!given) return undefined;
  const dur = (flag: string, v: string | undefined) => {
    if (v === undefined) return undefined;
    try {
      return parseDuration(v, flag);
    } catch (err) {
      throw usage(err instanceof Error ? err.message : String(err));
    }
  };
  const h: NonNullable<CreateContainerRequest['healthcheck']> = {
    test: f.healthCmd === undefined ? [] : ['CMD-SHELL', f.healthCmd],
  };
  const set = (k: Exclude<keyof typeof h, 'test'>, v: number | undefined) => {
    if (v !== undefined) h[k] = v;
  };
  set('interval', dur('--health-interval', f.healthInterval));
  set('timeout', dur('--health-timeout', f.healthTimeout));
  set(
    'retries',
    f.healthRetries === undefined ? undefined : number('--health-retries', f.healthRetries, true),
  );
  set('startPeriod', dur('--health-start-period', f.healthStartPeriod));
  set('startInterval', dur('--health-start-interval', f.healthStartInterval));
  return h;
}

const usage = (msg: string) => new AgentError('INVALID_ARGUMENT', msg);

function bytes(flag: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (v === '-1' && flag === '--memory-swap') return -1;
  const n = parseByteSize(v);
  if (n === null || n <= 0) throw usage(`${flag}: invalid size "${v}" (use e.g. 64m, 1g)`);
  return n;
}

function number(flag: string, v: string | undefined, integer: boolean): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n)))
    throw usage(
      `${flag}: invalid value "${v}" (want a positive ${integer ? 'integer' : 'number'})`,
    );
  return n;
}

/** `-e KEY` takes the value from the CLI's environment (skipped when unset), like docker. */
export function parseEnv(
  entries: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): string[] {
  return entries.flatMap((e) => {
    if (e.includes('=')) return [e];
    if (!/^[^=\0]+$/.test(e)) throw usage(`-e: invalid "${e}"`);
    const v = env[e];
    return v === undefined ? [] : [`${e}=${v}`];
  });
}

export function parseLabels(entries: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of entries) {
    const i = l.indexOf('=');
    if (i === 0) throw usage(`--label: invalid "${l}" (want key=value)`);
    if (i < 0) out[l] = '';
    else out[l.slice(0, i)] = l.slice(i + 1);
  }
  return out;
}

/**
 * `--security-opt seccomp=FILE` sends the profile itself, as docker's client does: the agent
 * never reads a path the caller named. `unconfined` and inline JSON pass as given.
 */
export async function inlineSeccompFiles(
  opts: readonly string[] | undefined,
  read: (path: string) => Promise<string>,
): Promise<string[] | undefined> {
  if (!opts) return undefined;
  return Promise.all(
    opts.map(async (opt) => {
      const m = /^seccomp[=:](.*)$/s.exec(opt);
      const value = m?.[1];
      if (value === undefined || value === 'unconfined' || value.trimStart().startsWith('{'))
        return opt;
      if (value === '') throw usage('--security-opt seccomp= needs unconfined or a profile file');
      try {
        return `seccomp=${await read(value)}`;
      } catch (err) {
        throw usage(`--security-opt seccomp=${value}: ${(err as Error).message}`);
      }
    }),
  );
}

/** Pure: flags + IMAGE + CMD… → the create request (validated again by the agent). */
export function toCreateRequest(
  image: string,
  cmd: readonly string[],
  f: RunFlags,
  env: Readonly<Record<string, string | undefined>>,
): CreateContainerRequest {
  const req: CreateContainerRequest = {
    image,
    env: parseEnv(f.env ?? [], env),
    ports: f.publish ?? [],
    volumes: f.volume ?? [],
  };
  const set = <K extends keyof CreateContainerRequest>(k: K, v: CreateContainerRequest[K]) => {
    if (v !== undefined) req[k] = v;
  };
  set('name', f.name);
  set('cmd', cmd.length > 0 ? [...cmd] : undefined);
  set(
    'entrypoint',
    f.entrypoint === undefined ? undefined : f.entrypoint === '' ? [] : [f.entrypoint],
  );
  set('workdir', f.workdir);
  set('user', f.user);
  set('hostname', f.hostname);
  set('memory', bytes('--memory', f.memory));
  set('memorySwap', bytes('--memory-swap', f.memorySwap));
  set('cpus', number('--cpus', f.cpus, false));
  set('cpuShares', number('--cpu-shares', f.cpuShares, true));
  set('cpusetCpus', f.cpusetCpus);
  set('pidsLimit', number('--pids-limit', f.pidsLimit, true));
  set('restart', f.restart);
  set('network', f.network);
  set('networkAliases', f.networkAlias);
  set('ip', f.ip);
  set('init', f.init);
  set('labels', f.label ? parseLabels(f.label) : undefined);
  set('readOnly', f.readOnly);
  set('tmpfs', f.tmpfs);
  set('capAdd', f.capAdd);
  set('capDrop', f.capDrop);
  set('privileged', f.privileged);
  set('securityOpt', f.securityOpt);
  set('cgroupns', f.cgroupns as CreateContainerRequest['cgroupns']);
  set('autoRemove', f.rm);
  set('tty', f.tty);
  set('openStdin', f.interactive);
  set('stopSignal', f.stopSignal);
  set(
    'stopTimeout',
    f.stopTimeout === undefined ? undefined : number('--stop-timeout', f.stopTimeout, true),
  );
  set('healthcheck', toHealthcheck(f));
  return req;
}

/** The update flags → the update body (at least one field). */
export function toUpdateRequest(f: {
  memory?: string;
  memorySwap?: string;
  cpus?: string;
  pidsLimit?: string;
  restart?: string;
}) {
  const body: Record<string, number | string> = {};
  const m = bytes('--memory', f.memory);
  if (m !== undefined) body.memory = m;
  const s = bytes('--memory-swap', f.memorySwap);
  if (s !== undefined) body.memorySwap = s;
  const c = number('--cpus', f.cpus, false);
  if (c !== undefined) body.cpus = c;
  const p = number('--pids-limit', f.pidsLimit, true);
  if (p !== undefined) body.pidsLimit = p;
  if (f.restart !== undefined) body.restart = f.restart;
  if (Object.keys(body).length === 0)
    throw usage(
      'update: give at least one of --memory, --memory-swap, --cpus, --pids-limit, --restart',
    );
  return body;
}
