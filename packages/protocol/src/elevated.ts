import { DEFAULT_CAPABILITIES, normalizeCapability } from './capabilities.js';
import type { CreateContainerRequest, ExecRequest, UpdateContainerRequest } from './containers.js';

/**
 * Elevated options: what lets a container reach beyond its own namespaces, cgroup and default
 * confinement — towards the host. The web lets only admins ask for them (`containers.elevated`);
 * each agent accepts from the web only those its owner allowed (`--allow-elevated`,
 * `--allow-bind`). Pure: the same request always gives the same list, in the browser too.
 */
export const elevatedKinds = [
  'privileged',
  'capabilities',
  'network-host',
  'pid-host',
  'ipc-host',
  'uts-host',
  'cgroupns-host',
  'devices',
  'bind',
  'sysctls',
  'seccomp',
  'apparmor',
  'selinux-label',
  'systempaths',
  'security-opt',
  'unclassified',
] as const;
export type ElevatedKind = (typeof elevatedKinds)[number];

export interface ElevatedOption {
  kind: ElevatedKind;
  /** What exactly (a capability without `CAP_`, a host path, a sysctl name, a profile). */
  value?: string;
  /** `kind` or `kind:value`: the stable name policies and the container list use. */
  token: string;
  /** In people's words: `capability SYS_ADMIN`, `bind mount /:/host`. */
  label: string;
}

function option(kind: ElevatedKind, label: string, value?: string): ElevatedOption {
  return { kind, ...(value === undefined ? {} : { value }), token: tokenOf(kind, value), label };
}

function tokenOf(kind: ElevatedKind, value?: string): string {
  return value === undefined ? kind : `${kind}:${value}`;
}

/** The create-request fields the classifier reads; the rest of a request is never elevated. */
export type ElevatedCreateFields = Pick<
  CreateContainerRequest,
  | 'privileged'
  | 'capAdd'
  | 'network'
  | 'pid'
  | 'ipc'
  | 'uts'
  | 'cgroupns'
  | 'devices'
  | 'volumes'
  | 'sysctls'
  | 'securityOpt'
>;

/** Every CreateContainerRequest field, sorted into the ones that can elevate and the rest. */
export const createFieldsThatElevate: readonly (keyof ElevatedCreateFields)[] = [
  'privileged',
  'capAdd',
  'network',
  'pid',
  'ipc',
  'uts',
  'cgroupns',
  'devices',
  'volumes',
  'sysctls',
  'securityOpt',
];
export const createFieldsThatNeverElevate: readonly (keyof CreateContainerRequest)[] = [
  'image',
  'name',
  'cmd',
  'entrypoint',
  'env',
  'workdir',
  'user',
  'hostname',
  'ports',
  'memory',
  'memorySwap',
  'cpus',
  'cpuShares',
  'cpusetCpus',
  'pidsLimit',
  'restart',
  'init',
  'labels',
  'readOnly',
  'tmpfs',
  'capDrop',
  'autoRemove',
  'tty',
  'openStdin',
  'stopSignal',
  'stopTimeout',
  // Named networks only: `host`/`none` are reserved names no user-defined network can take.
  'networkAliases',
  'ip',
  'networks',
  'dns',
  'extraHosts',
  'memoryReservation',
  'healthcheck',
];

/** Pure: the elevated options a create request carries, in a stable order; `[]` when none. */
export function classifyCreate(req: ElevatedCreateFields): ElevatedOption[] {
  const out: ElevatedOption[] = [];
  if (req.privileged) out.push(option('privileged', 'privileged'));
  out.push(...extraCapabilities(req.capAdd ?? []));
  const namespaces = [
    ['network-host', req.network, 'host network'],
    ['pid-host', req.pid, 'host PID namespace'],
    ['ipc-host', req.ipc, 'host IPC namespace'],
    ['uts-host', req.uts, 'host UTS namespace'],
    ['cgroupns-host', req.cgroupns, 'host cgroup namespace'],
  ] as const;
  for (const [kind, mode, label] of namespaces) if (mode === 'host') out.push(option(kind, label));
  for (const spec of req.devices ?? []) {
    const host = spec.split(':')[0] ?? spec;
    out.push(option('devices', `device ${host}`, host));
  }
  for (const spec of req.volumes ?? []) {
    const bind = bindSource(spec);
    if (bind !== null) out.push(option('bind', `bind mount ${spec}`, bind));
  }
  const sharesNet = req.network === 'host';
  const sharesIpc = req.ipc === 'host';
  for (const key of Object.keys(req.sysctls ?? {}).sort()) {
    if (!isNamespacedSysctl(key, { sharesNet, sharesIpc }))
      out.push(option('sysctls', `sysctl ${key}`, key));
  }
  for (const opt of req.securityOpt ?? []) {
    const found = classifySecurityOpt(opt);
    if (found) out.push(found);
  }
  return dedupe(out);
}

/**
 * An update changes limits and the restart policy, none of them elevated; the unit test holds
 * this list against the schema, so a new update field must be sorted before it ships.
 */
export const updateFieldsThatNeverElevate: readonly (keyof UpdateContainerRequest)[] = [
  'memory',
  'memorySwap',
  'cpus',
  'cpuShares',
  'cpusetCpus',
  'pidsLimit',
  'restart',
];
/** Pure: the elevated options an update carries (a field outside the list above counts as one). */
export function classifyUpdate(req: UpdateContainerRequest): ElevatedOption[] {
  return Object.keys(req)
    .filter((k) => !(updateFieldsThatNeverElevate as readonly string[]).includes(k))
    .map((k) => option('unclassified', `unclassified update field ${k}`, k));
}

/** Pure: an exec is elevated when it asks for all capabilities (`exec --privileged`). */
export function classifyExec(req: Pick<ExecRequest, 'privileged'>): ElevatedOption[] {
  return req.privileged ? [option('privileged', 'privileged exec')] : [];
}

/** The host path of a `src:dst[:mode]` volume when it is a bind (absolute src), else null. */
export function bindSource(spec: string): string | null {
  const src = spec.split(':')[0] ?? '';
  return src.startsWith('/') ? normalizeAbsolutePath(src) : null;
}

/** Pure: `/a/./b//c/../d/` → `/a/b/d` (lexically; `..` above `/` stays at `/`). */
export function normalizeAbsolutePath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

function extraCapabilities(capAdd: readonly string[]): ElevatedOption[] {
  const out: ElevatedOption[] = [];
  for (const raw of capAdd) {
    const cap = normalizeCapability(raw);
    if (cap !== 'ALL' && DEFAULT_CAPABILITIES.includes(cap)) continue;
    const short = cap === 'ALL' ? 'ALL' : cap.slice('CAP_'.length);
    out.push(option('capabilities', `capability ${short}`, short));
  }
  return out;
}

/**
 * Docker's namespaced sysctls (moby `opts/runconfig` + runc's validation): IPC ones while the
 * container has its own IPC namespace, `net.*` while it has its own network namespace.
 */
export function isNamespacedSysctl(
  key: string,
  ns: { sharesNet: boolean; sharesIpc: boolean },
): boolean {
  const ipc =
    /^kernel\.(shm[a-z_]*|msg[a-z_]*|sem)$/.test(key) || /^fs\.mqueue\.[a-z_]+$/.test(key);
  if (ipc) return !ns.sharesIpc;
  if (key.startsWith('net.')) return !ns.sharesNet;
  return false;
}

function classifySecurityOpt(opt: string): ElevatedOption | null {
  const at = opt.search(/[=:]/);
  const key = at < 0 ? opt : opt.slice(0, at);
  const value = at < 0 ? '' : opt.slice(at + 1);
  switch (key) {
    case 'seccomp':
      // a custom profile is its whole JSON: the token names it `custom`, not by its text
      return value === 'unconfined'
        ? option('seccomp', 'seccomp unconfined', 'unconfined')
        : option('seccomp', 'custom seccomp profile', 'custom');
    case 'apparmor':
      return value === 'unconfined'
        ? option('apparmor', 'AppArmor unconfined', 'unconfined')
        : option('apparmor', `AppArmor profile ${value}`, value);
    case 'label':
      return option('selinux-label', `SELinux label ${value}`, value);
    case 'systempaths':
      return option('systempaths', `unmasked system paths (${opt})`, value);
    case 'no-new-privileges':
      // off by default (Docker's way); turning it on or off never widens what the container reaches
      return null;
    default:
      return option('security-opt', `security option ${opt}`, opt);
  }
}

function dedupe(options: ElevatedOption[]): ElevatedOption[] {
  const seen = new Set<string>();
  return options.filter((o) => (seen.has(o.token) ? false : (seen.add(o.token), true)));
}
