import { posix } from 'node:path';
import { invalid } from '../errors.js';
import type { Lookup } from '../interpolate.js';
import type { DependsOn, FileMount, ServiceConfig, ServiceNetwork, VolumeMount } from '../model.js';
import { splitShellWords } from '../shell-words.js';
import { parseBoolean, parseBytes, parseDuration, parseInteger } from '../units.js';
import { normalizeHealthcheck } from './healthcheck.js';
import { extraHosts, listOrDict, sortedRecord, stringOrList } from './lists.js';
import { normalizePorts } from './ports.js';
import { normalizeResources } from './resources.js';
import { normalizeVolume, type PathContext } from './volumes.js';

type Raw = Record<string, unknown>;

export interface ServiceContext extends PathContext {
  /** The interpolation environment (given environment over `.env`). */
  lookup: Lookup;
  /** `env_file` path (absolute) → its parsed variables; null when the file does not exist. */
  envFiles: ReadonlyMap<string, Record<string, string> | null>;
  declared: {
    networks: ReadonlySet<string>;
    volumes: ReadonlySet<string>;
    secrets: ReadonlyMap<string, string>;
    configs: ReadonlyMap<string, string>;
  };
}

/** Pure: one service of a validated, interpolated, supported document → its normalized form. */
export function normalizeService(name: string, svc: Raw, ctx: ServiceContext): ServiceConfig {
  const where = `services.${name}`;
  if (typeof svc.image !== 'string' || svc.image === '')
    throw invalid(`${where}: image is required (build is not supported)`);
  const bool = (k: string) =>
    svc[k] === undefined ? false : parseBoolean(svc[k], `${where}.${k}`);
  const str = (k: string) => (svc[k] === undefined || svc[k] === null ? null : String(svc[k]));
  const replicas = replicasOf(svc, where);
  const containerName = str('container_name');
  if (containerName !== null && replicas > 1)
    throw invalid(`${where}: container_name cannot be used with more than one replica`);
  const workingDir = str('working_dir');
  if (workingDir !== null && !workingDir.startsWith('/'))
    throw invalid(`${where}.working_dir: must be an absolute path`);
  const networkMode = networkModeOf(svc, where);
  return {
    name,
    image: svc.image,
    command: argv(svc.command, `${where}.command`),
    entrypoint: argv(svc.entrypoint, `${where}.entrypoint`),
    environment: environmentOf(svc, ctx, where),
    ports: ((svc.ports ?? []) as unknown[]).flatMap((p, i) =>
      normalizePorts(p, `${where}.ports[${i}]`),
    ),
    expose: ((svc.expose ?? []) as unknown[]).map(String),
    volumes: volumesOf(svc, ctx, where),
    networks: networkMode === null ? networksOf(svc.networks, ctx, where) : {},
    networkMode,
    dependsOn: dependsOnOf(svc.depends_on, where),
    restart: restartOf(str('restart') ?? 'no', where),
    healthcheck: normalizeHealthcheck(svc.healthcheck, `${where}.healthcheck`),
    resources: normalizeResources(svc, where),
    replicas,
    containerName,
    user: str('user'),
    workingDir,
    hostname: str('hostname'),
    labels: sortedRecord(
      Object.fromEntries(
        Object.entries(listOrDict(svc.labels, `${where}.labels`)).map(([k, v]) => [k, v ?? '']),
      ),
    ),
    tty: bool('tty'),
    stdinOpen: bool('stdin_open'),
    init: bool('init'),
    readOnly: bool('read_only'),
    stopSignal: str('stop_signal'),
    stopGracePeriod:
      svc.stop_grace_period === undefined
        ? null
        : parseDuration(svc.stop_grace_period as string, `${where}.stop_grace_period`),
    capAdd: stringOrList(svc.cap_add),
    capDrop: stringOrList(svc.cap_drop),
    extraHosts: extraHosts(svc.extra_hosts, `${where}.extra_hosts`),
    dns: stringOrList(svc.dns),
    profiles: stringOrList(svc.profiles),
    pullPolicy:
      svc.pull_policy === 'always' ? 'always' : svc.pull_policy === 'never' ? 'never' : 'missing',
    secrets: fileMounts(svc.secrets, ctx.declared.secrets, '/run/secrets', `${where}.secrets`),
    configs: fileMounts(svc.configs, ctx.declared.configs, '/', `${where}.configs`),
    ...elevatedOf(svc, where),
  };
}

/** Pure: the elevated keys the service sets, and only those (absent keys stay absent). */
function elevatedOf(svc: Raw, where: string): Partial<ServiceConfig> {
  const out: Partial<ServiceConfig> = {};
  if (svc.privileged !== undefined && parseBoolean(svc.privileged, `${where}.privileged`))
    out.privileged = true;
  if (svc.pid === 'host') out.pid = 'host';
  if (svc.ipc === 'host') out.ipc = 'host';
  const sysctls = listOrDict(svc.sysctls, `${where}.sysctls`);
  if (Object.keys(sysctls).length > 0)
    out.sysctls = sortedRecord(
      Object.fromEntries(Object.entries(sysctls).map(([k, v]) => [k, v ?? ''])),
    );
  const securityOpt = stringOrList(svc.security_opt);
  if (securityOpt.length > 0) out.securityOpt = securityOpt;
  const devices = stringOrList(svc.devices);
  if (devices.length > 0) out.devices = devices;
  return out;
}

function argv(v: unknown, where: string): string[] | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return splitShellWords(v, where);
  return (v as unknown[]).map(String);
}

function replicasOf(svc: Raw, where: string): number {
  const deploy = (svc.deploy ?? {}) as Raw;
  const scale =
    svc.scale === undefined ? null : parseInteger(svc.scale as string, `${where}.scale`);
  const replicas =
    deploy.replicas === undefined || deploy.replicas === null
      ? null
      : parseInteger(deploy.replicas as string, `${where}.deploy.replicas`);
  if (scale !== null && replicas !== null && scale !== replicas)
    throw invalid(`${where}: scale and deploy.replicas differ`);
  const n = scale ?? replicas ?? 1;
  if (n < 0) throw invalid(`${where}: replicas must be >= 0`);
  return n;
}

function networkModeOf(svc: Raw, where: string): ServiceConfig['networkMode'] {
  const mode = svc.network_mode;
  if (mode === undefined) return null;
  if (svc.networks !== undefined)
    throw invalid(`${where}: network_mode and networks are exclusive`);
  return mode as 'host' | 'none' | 'bridge';
}

function environmentOf(svc: Raw, ctx: ServiceContext, where: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const file of envFileList(svc.env_file, ctx)) {
    const vars = ctx.envFiles.get(file.path);
    if (vars === undefined || vars === null) {
      if (file.required) throw invalid(`${where}.env_file: ${file.path} not found`);
      continue;
    }
    Object.assign(env, vars);
  }
  for (const [k, v] of Object.entries(listOrDict(svc.environment, `${where}.environment`))) {
    if (v !== null) env[k] = v;
    else {
      const fromEnv = ctx.lookup(k);
      if (fromEnv !== undefined) env[k] = fromEnv;
      else delete env[k];
    }
  }
  return sortedRecord(env);
}

/** Pure: `env_file` (string, list of strings or `{path, required}`) → absolute paths. */
export function envFileList(v: unknown, ctx: PathContext): { path: string; required: boolean }[] {
  if (v === undefined || v === null) return [];
  const items = Array.isArray(v) ? v : [v];
  return items.map((item) => {
    if (typeof item === 'string')
      return { path: posix.resolve(ctx.workingDir, item), required: true };
    const o = item as Raw;
    return {
      path: posix.resolve(ctx.workingDir, String(o.path)),
      required: o.required === undefined ? true : o.required === true || o.required === 'true',
    };
  });
}

function volumesOf(svc: Raw, ctx: ServiceContext, where: string): VolumeMount[] {
  const mounts = ((svc.volumes ?? []) as unknown[]).map((v, i) => {
    const m = normalizeVolume(v, ctx, `${where}.volumes[${i}]`);
    if (m.type === 'volume' && m.source !== null && !ctx.declared.volumes.has(m.source))
      throw invalid(
        `${where}.volumes[${i}]: refers to undefined volume "${m.source}" (declare it under the top-level volumes)`,
      );
    return m;
  });
  for (const spec of stringOrList(svc.tmpfs)) mounts.push(tmpfsOf(spec, `${where}.tmpfs`));
  const targets = mounts.map((m) => m.target);
  const dup = targets.find((t, i) => targets.indexOf(t) !== i);
  if (dup !== undefined) throw invalid(`${where}: two mounts target "${dup}"`);
  return mounts;
}

function tmpfsOf(spec: string, where: string): VolumeMount {
  const i = spec.indexOf(':');
  const target = i < 0 ? spec : spec.slice(0, i);
  if (!target.startsWith('/')) throw invalid(`${where}: "${spec}": the target must be absolute`);
  let size: number | null = null;
  let mode: number | null = null;
  for (const opt of i < 0 ? [] : spec.slice(i + 1).split(',')) {
    const [k, val = ''] = opt.split('=');
    if (k === 'size') size = parseBytes(val, where);
    else if (k === 'mode') mode = parseInt(val, 8);
    else throw invalid(`${where}: tmpfs option "${opt}" is not supported (size, mode)`);
  }
  return { type: 'tmpfs', target: posix.normalize(target), size, mode };
}

function networksOf(
  v: unknown,
  ctx: ServiceContext,
  where: string,
): Record<string, ServiceNetwork> {
  const entries: [string, Raw | null][] =
    v === undefined || v === null
      ? [['default', null]]
      : Array.isArray(v)
        ? v.map((n) => [String(n), null])
        : Object.entries(v as Record<string, Raw | null>);
  const out: Record<string, ServiceNetwork> = {};
  for (const [key, cfg] of entries) {
    if (key !== 'default' && !ctx.declared.networks.has(key))
      throw invalid(
        `${where}.networks: refers to undefined network "${key}" (declare it under the top-level networks)`,
      );
    out[key] = {
      aliases: stringOrList(cfg?.aliases),
      ipv4Address:
        cfg?.ipv4_address === undefined || cfg.ipv4_address === null
          ? null
          : String(cfg.ipv4_address),
    };
  }
  return sortedRecord(out);
}

const CONDITIONS = new Set([
  'service_started',
  'service_healthy',
  'service_completed_successfully',
]);

function dependsOnOf(v: unknown, where: string): Record<string, DependsOn> {
  if (v === undefined || v === null) return {};
  const out: Record<string, DependsOn> = {};
  if (Array.isArray(v)) {
    for (const name of v)
      out[String(name)] = { condition: 'service_started', required: true, restart: false };
    return sortedRecord(out);
  }
  for (const [name, cfg] of Object.entries(v as Record<string, Raw | null>)) {
    const condition = String(cfg?.condition ?? 'service_started');
    if (!CONDITIONS.has(condition))
      throw invalid(`${where}.depends_on.${name}: unknown condition "${condition}"`);
    out[name] = {
      condition: condition as DependsOn['condition'],
      required:
        cfg?.required === undefined
          ? true
          : parseBoolean(cfg.required, `${where}.depends_on.${name}.required`),
      restart:
        cfg?.restart === undefined
          ? false
          : parseBoolean(cfg.restart, `${where}.depends_on.${name}.restart`),
    };
  }
  return sortedRecord(out);
}

function restartOf(policy: string, where: string): string {
  if (/^(no|always|unless-stopped|on-failure(:\d+)?)$/.test(policy)) return policy;
  throw invalid(
    `${where}.restart: "${policy}" is not one of no, always, on-failure[:N], unless-stopped`,
  );
}

function fileMounts(
  v: unknown,
  declared: ReadonlyMap<string, string>,
  base: string,
  where: string,
): FileMount[] {
  if (v === undefined || v === null) return [];
  return (v as unknown[]).map((item, i) => {
    const o = typeof item === 'string' ? { source: item } : (item as Raw);
    const source = String(o.source);
    const file = declared.get(source);
    if (file === undefined)
      throw invalid(
        `${where}[${i}]: refers to undefined "${source}" (declare it at the top level with a file)`,
      );
    const target = o.target === undefined ? source : String(o.target);
    return { source, file, target: target.startsWith('/') ? target : posix.join(base, target) };
  });
}
