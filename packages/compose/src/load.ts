import { posix } from 'node:path';
import { parseDocument } from 'yaml';
import { invalid, ComposeError } from './errors.js';
import { parseEnvFile } from './env-file.js';
import { interpolateTree, type Lookup } from './interpolate.js';
import type { NetworkConfig, Project, ServiceConfig, VolumeConfig } from './model.js';
import { envFileList, normalizeService } from './normalize/service.js';
import { hostPath } from './normalize/volumes.js';
import { listOrDict, sortedRecord } from './normalize/lists.js';
import { dependencyOrder } from './order.js';
import { projectName } from './project-name.js';
import { findUnsupported } from './supported.js';
import { validateSchema } from './validate.js';

/** Reads a file's text; null when it does not exist. The only I/O the package does. */
export type ReadFile = (path: string) => Promise<string | null>;

export interface LoadOptions {
  /** The compose file (absolute path). Berth reads one file per project. */
  file: string;
  readFile: ReadFile;
  /** The given environment (the CLI's); it wins over the project's `.env`. */
  env: Readonly<Record<string, string | undefined>>;
  /** `-p`. */
  projectName?: string | undefined;
  /** `--profile`; default `COMPOSE_PROFILES` (comma-separated). */
  profiles?: readonly string[] | undefined;
  /** Default: the compose file's directory. */
  workingDir?: string | undefined;
}

type Raw = Record<string, unknown>;

/**
 * Loads a compose project: YAML (anchors and `<<` merge keys), `.env` + environment
 * interpolation, the Compose Specification's schema, Berth's supported keys (every unsupported
 * one listed with its path), then normalization and checks of every cross-reference
 * (networks, volumes, secrets, configs, depends_on, cycles). Throws ComposeError; creates nothing.
 */
export async function loadProject(o: LoadOptions): Promise<Project> {
  if (!o.file.startsWith('/')) throw invalid(`the compose file path must be absolute: ${o.file}`);
  const workingDir = o.workingDir ?? posix.dirname(o.file);
  const text = await o.readFile(o.file);
  if (text === null) throw new ComposeError('NOT_FOUND', `${o.file}: no such file`);
  const dotenvText = await o.readFile(posix.join(workingDir, '.env'));
  const dotenv = dotenvText === null ? {} : parseEnvFile(dotenvText);
  const lookup: Lookup = (name) => o.env[name] ?? dotenv[name];

  const unset: string[] = [];
  const doc = interpolateTree(parseYaml(text, o.file), lookup, unset) as Raw;
  validateSchema(doc, o.file);
  const unsupported = findUnsupported(doc);
  if (unsupported.length > 0)
    throw new ComposeError(
      'UNIMPLEMENTED',
      `${o.file} uses what Berth does not support`,
      unsupported,
    );

  const name = projectName({
    flag: o.projectName,
    env: lookup('COMPOSE_PROJECT_NAME'),
    fileName: typeof doc.name === 'string' ? doc.name : undefined,
    workingDir,
  });
  const profiles = o.profiles ?? (lookup('COMPOSE_PROFILES') ?? '').split(',').filter(Boolean);
  const ctxBase = { workingDir, home: lookup('HOME') ?? null };
  const rawServices = (doc.services ?? {}) as Record<string, Raw>;
  const active = activeServices(rawServices, profiles);

  const envFiles = new Map<string, Record<string, string> | null>();
  for (const svc of Object.values(active))
    for (const f of envFileList(svc.env_file, ctxBase))
      if (!envFiles.has(f.path)) {
        const t = await o.readFile(f.path);
        envFiles.set(f.path, t === null ? null : parseEnvFile(t));
      }

  const section = (k: string) => (doc[k] ?? {}) as Record<string, Raw | null>;
  const fileObjects = (k: string) =>
    new Map(
      Object.entries(section(k)).map(([n, v]) => {
        if (typeof v?.file !== 'string')
          throw invalid(`${k}.${n}: only file-based ${k} are supported`);
        return [n, hostPath(v.file, ctxBase, `${k}.${n}.file`)];
      }),
    );
  const ctx = {
    ...ctxBase,
    lookup,
    envFiles,
    declared: {
      networks: new Set(Object.keys(section('networks'))),
      volumes: new Set(Object.keys(section('volumes'))),
      secrets: fileObjects('secrets'),
      configs: fileObjects('configs'),
    },
  };
  const services: Record<string, ServiceConfig> = {};
  for (const [svcName, raw] of Object.entries(active))
    services[svcName] = normalizeService(svcName, raw, ctx);
  checkDependencies(services, rawServices);
  dependencyOrder(services);
  checkContainerNames(services);

  return {
    name,
    workingDir,
    configFiles: [o.file],
    services: sortedRecord(services),
    networks: usedNetworks(name, section('networks'), services),
    volumes: usedVolumes(name, section('volumes'), services),
    warnings: unset.map((v) => `The "${v}" variable is not set. Defaulting to a blank string.`),
  };
}

function parseYaml(text: string, file: string): unknown {
  const doc = parseDocument(text, { merge: true, uniqueKeys: true });
  if (doc.errors.length > 0)
    throw invalid(
      `${file} is not valid YAML`,
      doc.errors.map((e) => e.message.split('\n')[0] ?? e.message),
    );
  const value: unknown = doc.toJS({ maxAliasCount: 1000 });
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw invalid(`${file}: the top level must be a mapping (services: …)`);
  return value;
}

/** Pure: services without `profiles`, plus those with an enabled profile (`*` enables all). */
function activeServices(
  raw: Record<string, Raw>,
  profiles: readonly string[],
): Record<string, Raw> {
  return Object.fromEntries(
    Object.entries(raw).filter(([, s]) => {
      const own = (s.profiles ?? []) as string[];
      return own.length === 0 || profiles.includes('*') || own.some((p) => profiles.includes(p));
    }),
  );
}

function checkDependencies(
  services: Record<string, ServiceConfig>,
  all: Record<string, Raw>,
): void {
  for (const svc of Object.values(services))
    for (const [dep, d] of Object.entries(svc.dependsOn)) {
      if (services[dep]) continue;
      if (!d.required) {
        delete svc.dependsOn[dep];
        continue;
      }
      const why = all[dep] ? 'is not enabled by the active profiles' : 'is not defined';
      throw invalid(`services.${svc.name}.depends_on: service "${dep}" ${why}`);
    }
}

function checkContainerNames(services: Record<string, ServiceConfig>): void {
  const seen = new Map<string, string>();
  for (const svc of Object.values(services)) {
    if (svc.containerName === null) continue;
    const other = seen.get(svc.containerName);
    if (other)
      throw invalid(
        `services ${other} and ${svc.name} both use container_name "${svc.containerName}"`,
      );
    seen.set(svc.containerName, svc.name);
  }
}

const labelsOf = (v: unknown, where: string) =>
  sortedRecord(
    Object.fromEntries(Object.entries(listOrDict(v, where)).map(([k, x]) => [k, x ?? ''])),
  );

/** Pure: the networks services use (`default` implicitly), with their real names. */
function usedNetworks(
  project: string,
  declared: Record<string, Raw | null>,
  services: Record<string, ServiceConfig>,
): Record<string, NetworkConfig> {
  const used = new Set(Object.values(services).flatMap((s) => Object.keys(s.networks)));
  const out: Record<string, NetworkConfig> = {};
  for (const key of [...used].sort()) {
    const raw = declared[key] ?? {};
    const external = raw.external === true || raw.external === 'true';
    const ipam = ((raw.ipam as Raw | undefined)?.config ?? []) as Raw[];
    if (ipam.length > 1) throw invalid(`networks.${key}.ipam.config: only one subnet is supported`);
    out[key] = {
      name: typeof raw.name === 'string' ? raw.name : external ? key : `${project}_${key}`,
      external,
      internal: raw.internal === true || raw.internal === 'true',
      labels: labelsOf(raw.labels, `networks.${key}.labels`),
      subnet: typeof ipam[0]?.subnet === 'string' ? ipam[0].subnet : null,
      gateway: typeof ipam[0]?.gateway === 'string' ? ipam[0].gateway : null,
    };
  }
  return out;
}

/** Pure: the named volumes services mount, with their real names. */
function usedVolumes(
  project: string,
  declared: Record<string, Raw | null>,
  services: Record<string, ServiceConfig>,
): Record<string, VolumeConfig> {
  const used = new Set(
    Object.values(services).flatMap((s) =>
      s.volumes.flatMap((m) => (m.type === 'volume' && m.source !== null ? [m.source] : [])),
    ),
  );
  const out: Record<string, VolumeConfig> = {};
  for (const key of [...used].sort()) {
    const raw = declared[key] ?? {};
    const external = raw.external === true || raw.external === 'true';
    out[key] = {
      name: typeof raw.name === 'string' ? raw.name : external ? key : `${project}_${key}`,
      external,
      labels: labelsOf(raw.labels, `volumes.${key}.labels`),
    };
  }
  return out;
}
