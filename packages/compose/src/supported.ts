import { formatProblem, type PathProblem } from './problems.js';

/**
 * What Berth's compose engine supports, as a tree of allowed keys. `true` = any value, a nested
 * object = only those keys below, a function = a check of the value that returns a problem or
 * null. Everything else (`build`, `deploy.placement`, `volumes_from`, …) is reported with its path,
 * all at once, before anything is created. `x-*` extension keys are allowed everywhere.
 */
type Rule = true | RuleTree | ((value: unknown) => string | null) | { each: Rule };
interface RuleTree {
  [key: string]: Rule;
}

const oneOf =
  (...allowed: unknown[]) =>
  (v: unknown) =>
    allowed.includes(v) ? null : `"${String(v)}" is not supported (only ${allowed.join(', ')})`;

const falsy = (v: unknown) => (v === false || v === 'false' ? null : 'only false is supported');

const volumeMount: Rule = (v) => {
  if (typeof v === 'string') return null;
  const o = v as Record<string, unknown>;
  if (!['volume', 'bind', 'tmpfs'].includes(String(o.type)))
    return `volume type "${String(o.type)}" is not supported (volume, bind, tmpfs)`;
  const vol = (o.volume ?? {}) as Record<string, unknown>;
  if (vol.subpath !== undefined) return 'volume.subpath is not supported';
  const bind = (o.bind ?? {}) as Record<string, unknown>;
  for (const k of ['propagation', 'selinux', 'recursive'])
    if (bind[k] !== undefined) return `bind.${k} is not supported`;
  return null;
};

const serviceNetworks: Rule = (v) => {
  if (Array.isArray(v) || v === null || typeof v !== 'object') return null;
  for (const [name, cfg] of Object.entries(v as Record<string, unknown>)) {
    if (cfg === null || cfg === undefined) continue;
    const unknown = Object.keys(cfg as object).filter(
      (k) => !['aliases', 'ipv4_address'].includes(k) && !k.startsWith('x-'),
    );
    if (unknown.length > 0) return `${name}: ${unknown.join(', ')} not supported`;
  }
  return null;
};

const serviceRefs: Rule = { each: true };

const SERVICE: RuleTree = {
  image: true,
  command: true,
  entrypoint: true,
  environment: true,
  env_file: true,
  ports: true,
  expose: true,
  volumes: { each: volumeMount },
  tmpfs: true,
  networks: serviceNetworks,
  network_mode: oneOf('host', 'none', 'bridge'),
  depends_on: true,
  restart: true,
  healthcheck: true,
  deploy: {
    mode: oneOf('replicated'),
    replicas: true,
    resources: {
      limits: { cpus: true, memory: true, pids: true },
      reservations: { cpus: true, memory: true },
    },
  },
  scale: true,
  mem_limit: true,
  mem_reservation: true,
  cpus: true,
  pids_limit: true,
  user: true,
  working_dir: true,
  hostname: true,
  labels: true,
  tty: true,
  stdin_open: true,
  init: true,
  stop_signal: true,
  stop_grace_period: true,
  cap_add: true,
  cap_drop: true,
  read_only: true,
  extra_hosts: true,
  dns: true,
  profiles: true,
  secrets: serviceRefs,
  configs: serviceRefs,
  container_name: true,
  pull_policy: oneOf('always', 'missing', 'never', 'if_not_present'),
  // Elevated options: the web lets only admins use them, and only on hosts whose policy allows them.
  privileged: true,
  pid: oneOf('host'),
  ipc: oneOf('host', 'private'),
  sysctls: true,
  security_opt: true,
  devices: { each: (v) => (typeof v === 'string' ? null : 'only the short syntax is supported') },
};

/** Top level: the sections are checked entry by entry below. */
const TOP: RuleTree = {
  version: true,
  name: true,
  services: true,
  networks: true,
  volumes: true,
  secrets: true,
  configs: true,
};

const NETWORK: RuleTree = {
  driver: oneOf('bridge'),
  external: true,
  name: true,
  labels: true,
  internal: true,
  attachable: true,
  enable_ipv6: falsy,
  ipam: { driver: oneOf('default'), config: { each: { subnet: true, gateway: true } } },
};

const VOLUME: RuleTree = { driver: oneOf('local'), external: true, name: true, labels: true };
const FILE_OBJECT: RuleTree = { file: true, name: true };

/** Pure: every unsupported key or value of a schema-valid compose document, with its path. */
export function findUnsupported(doc: Record<string, unknown>): string[] {
  return unsupportedProblems(doc).map(formatProblem);
}

/** Pure: the same, with each path as keys and indexes (the editor's linter places them). */
export function unsupportedProblems(doc: Record<string, unknown>): PathProblem[] {
  const problems: PathProblem[] = [];
  check(doc, TOP, [], problems);
  const section = (key: string, rules: RuleTree) => {
    const entries = doc[key];
    if (entries === null || typeof entries !== 'object') return;
    for (const [name, v] of Object.entries(entries as Record<string, unknown>))
      if (v !== null && typeof v === 'object') check(v, rules, [key, name], problems);
  };
  section('services', SERVICE);
  section('networks', NETWORK);
  section('volumes', VOLUME);
  section('secrets', FILE_OBJECT);
  section('configs', FILE_OBJECT);
  return problems;
}

function check(
  value: unknown,
  rule: Rule,
  path: (string | number)[],
  problems: PathProblem[],
): void {
  if (rule === true || value === null || value === undefined) return;
  if (typeof rule === 'function') {
    const message = rule(value);
    if (message) problems.push({ path, message, key: false });
  } else if (isEach(rule)) {
    if (Array.isArray(value)) value.forEach((v, i) => check(v, rule.each, [...path, i], problems));
  } else if (typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k.startsWith('x-')) continue;
      const sub = rule[k];
      if (sub === undefined)
        problems.push({ path: [...path, k], message: 'not supported by Berth', key: true });
      else check(v, sub, [...path, k], problems);
    }
  }
}

const isEach = (r: Rule): r is { each: Rule } => typeof r === 'object' && 'each' in r;
