import { posix } from 'node:path';
import type { OciDevice, OciDeviceRule, OciMount, OciNamespace, OciSpec } from './types.js';
import type { RunConfig, SpecOptions } from './options.js';
import {
  DEFAULT_SHM_SIZE,
  INIT_PATH,
  MASKED_PATHS,
  READONLY_PATHS,
  defaultMounts,
} from './defaults.js';
import { containerEnv, resolveArgs, mergeEnv } from './process.js';
import { parseGroup, parsePasswd, resolveUser } from './user.js';
import { clampRlimits, rlimitType, type HostLimit } from './rlimits.js';
import { buildResources } from './resources.js';
import { capabilitySets, resolveCapabilities } from './capabilities.js';
import { parseSecurityOpts } from './security-opts.js';
import {
  recursiveReadOnlyBinds,
  resolveConfinement,
  type Confinement,
  type HostConfinement,
} from './confinement.js';
import { failedPrecondition, invalidArgument } from '../errors.js';

export type SpecNetwork = { mode: 'host' } | { mode: 'none' } | { mode: 'netns'; path: string };

/** Everything the pure builder needs; the caller reads files and host facts and injects them. */
export interface BuildSpecInput {
  id: string;
  image: RunConfig;
  options: SpecOptions;
  rootfsPath: string;
  /** Contents of the rootfs's /etc/passwd and /etc/group ('' when absent). */
  etcPasswd: string;
  etcGroup: string;
  hostRlimits: Record<string, HostLimit>;
  hostCpus: number;
  network: SpecNetwork;
  /** Extra mounts already resolved by the caller (binds, volumes, /etc/hosts…). */
  mounts: OciMount[];
  /** Host path of catatonit/tini, required when options.init. */
  initBinary?: string;
  /** Absolute cgroup parent, `/berth` by default. */
  cgroupParent?: string;
  /** The runtime's own bounding set (from /proc/self/status); caps outside it are left out. */
  hostCapabilities?: readonly string[];
  /** The host's hostname, for `HOSTNAME` when the container shares the host's UTS namespace. */
  hostHostname?: string;
  /** Host devices to create in the container, read by the caller (`--device`). */
  devices?: { device: OciDevice; rule: OciDeviceRule }[];
  /** What the host can enforce (seccomp, AppArmor, rro). */
  confinement: HostConfinement;
}

/** The spec, and which confinement it gives the container (recorded with it). */
export interface BuiltSpec {
  spec: OciSpec;
  confinement: Confinement;
}

const DEFAULT_NOFILE = 1_048_576;

function tmpfsMounts(tmpfs: Record<string, string>): OciMount[] {
  return Object.entries(tmpfs).map(([destination, opts]) => ({
    destination,
    type: 'tmpfs',
    source: 'tmpfs',
    options: ['nosuid', 'nodev', 'noexec', ...opts.split(',').filter((o) => o !== '')],
  }));
}

/** A new namespace of each kind unless the container shares the host's (`host` modes). */
function namespaces(network: SpecNetwork, o: SpecOptions): OciNamespace[] {
  const ns: OciNamespace[] = [{ type: 'mount' }];
  if (o.pid !== 'host') ns.push({ type: 'pid' });
  if (o.ipc !== 'host') ns.push({ type: 'ipc' });
  if (o.uts !== 'host') ns.push({ type: 'uts' });
  if (o.cgroupns === 'private') ns.push({ type: 'cgroup' });
  if (network.mode === 'none') ns.push({ type: 'network' });
  if (network.mode === 'netns') ns.push({ type: 'network', path: network.path });
  return ns;
}

/** With the host's IPC namespace the container sees the host's POSIX shared memory too. */
const HOST_SHM: OciMount = {
  destination: '/dev/shm',
  type: 'bind',
  source: '/dev/shm',
  options: ['rbind', 'nosuid', 'noexec', 'nodev'],
};

/** Later mounts win on the same destination (a user's /dev/shm replaces the default). */
function dedupeMounts(mounts: OciMount[]): OciMount[] {
  const byDest = new Map<string, OciMount>();
  for (const m of mounts) {
    const dest = posix.normalize(m.destination).replace(/(.)\/+$/, '$1');
    byDest.delete(dest);
    byDest.set(dest, { ...m, destination: dest });
  }
  return [...byDest.values()];
}

/** Builds config.json from image config + validated options. Pure: same input, same spec. */
export function buildSpec(input: BuildSpecInput): OciSpec {
  return buildSpecWithConfinement(input).spec;
}

/** `buildSpec`, also saying which confinement the container gets. */
export function buildSpecWithConfinement(input: BuildSpecInput): BuiltSpec {
  const { image, options: o } = input;
  const devices = input.devices ?? [];
  if (o.uts === 'host' && o.hostname !== undefined)
    throw invalidArgument('a hostname needs the container’s own UTS namespace (not uts: host)');
  const hostname =
    o.uts === 'host' ? (input.hostHostname ?? '') : (o.hostname ?? input.id.slice(0, 12));
  const user = resolveUser(
    o.user ?? image.user,
    parsePasswd(input.etcPasswd),
    parseGroup(input.etcGroup),
  );
  let args = resolveArgs(image, { entrypoint: o.entrypoint, cmd: o.cmd });
  const mounts = [
    ...defaultMounts({ shmSize: o.shmSize ?? DEFAULT_SHM_SIZE, privileged: o.privileged }),
  ];
  if (o.init) {
    if (!input.initBinary) throw failedPrecondition('--init needs catatonit or tini on the host');
    mounts.push({
      destination: INIT_PATH,
      type: 'bind',
      source: input.initBinary,
      options: ['rbind', 'ro'],
    });
    args = [INIT_PATH, '--', ...args];
  }
  if (o.ipc === 'host') mounts.push(HOST_SHM);
  mounts.push(...tmpfsMounts(o.tmpfs), ...input.mounts);
  const caps = resolveCapabilities(o.capAdd, o.capDrop, o.privileged, input.hostCapabilities);
  const confined = resolveConfinement({
    security: parseSecurityOpts(o.securityOpt),
    cgroupns: o.cgroupns,
    privileged: o.privileged,
    capabilities: caps,
    host: input.confinement,
  });
  const wanted = [
    { type: 'RLIMIT_NOFILE', soft: DEFAULT_NOFILE, hard: DEFAULT_NOFILE },
    ...o.ulimits.map((u) => ({ type: rlimitType(u.name), soft: u.soft, hard: u.hard })),
  ];
  const rlimits = [...new Map(wanted.map((r) => [r.type, r])).values()];
  const spec: OciSpec = {
    ociVersion: '1.0.2',
    process: {
      terminal: o.tty,
      user: { uid: user.uid, gid: user.gid, additionalGids: user.additionalGids },
      args,
      env: mergeEnv([containerEnv(image.env ?? [], o.env)], {
        hostname,
        home: user.home,
        tty: o.tty,
      }),
      cwd: o.workdir ?? (image.workingDir || '/'),
      capabilities: capabilitySets(caps),
      rlimits: clampRlimits(rlimits, input.hostRlimits),
      noNewPrivileges: confined.confinement.noNewPrivileges,
    },
    root: { path: input.rootfsPath, readonly: o.readOnly },
    // runc can set a hostname only in the container's own UTS namespace
    ...(o.uts === 'host' ? {} : { hostname }),
    mounts: recursiveReadOnlyBinds(dedupeMounts(mounts), input.confinement),
    linux: {
      namespaces: namespaces(input.network, o),
      cgroupsPath: `${input.cgroupParent ?? '/berth'}/${input.id}`,
      resources: withDeviceRules(buildResources(o, input.hostCpus, o.privileged), devices),
      maskedPaths: o.privileged ? [] : [...MASKED_PATHS],
      readonlyPaths: o.privileged ? [] : [...READONLY_PATHS],
      ...(devices.length > 0 ? { devices: devices.map((d) => d.device) } : {}),
      ...(Object.keys(o.sysctls).length > 0 ? { sysctl: { ...o.sysctls } } : {}),
    },
  };
  if (confined.apparmorProfile) spec.process.apparmorProfile = confined.apparmorProfile;
  if (confined.seccomp) spec.linux.seccomp = confined.seccomp;
  return { spec, confinement: confined.confinement };
}

function withDeviceRules(
  resources: OciSpec['linux']['resources'],
  devices: NonNullable<BuildSpecInput['devices']>,
): OciSpec['linux']['resources'] {
  return { ...resources, devices: [...resources.devices, ...devices.map((d) => d.rule)] };
}
