import { issueInWords } from '../../lib/form-words.js';
import {
  CreateContainerRequestSchema,
  classifyCreate,
  parseByteSize,
  restartPolicyNames,
  type CreateContainerRequest,
  type ElevatedKind,
} from '@berth/protocol';

/** What the create form edits: strings as typed, one row per env/port/volume entry. */
export interface CreateFormValues {
  image: string;
  name: string;
  command: string;
  env: { key: string; value: string }[];
  ports: string[];
  volumes: string[];
  memory: string;
  cpus: string;
  pidsLimit: string;
  restart: (typeof restartPolicyNames)[number];
  restartRetries: string;
  /** `bridge`, `none`, `host` or one of the host's network names. */
  network: string;
  /** Advanced (elevated, admins only). */
  privileged: boolean;
  pidHost: boolean;
  capAdd: string[];
  devices: string[];
  securityOpt: string[];
}

export const emptyCreateForm: CreateFormValues = {
  image: '',
  name: '',
  command: '',
  env: [],
  ports: [],
  volumes: [],
  memory: '',
  cpus: '',
  pidsLimit: '',
  restart: 'no',
  restartRetries: '',
  network: 'bridge',
  privileged: false,
  pidHost: false,
  capAdd: [],
  devices: [],
  securityOpt: [],
};

export type FormErrors = Partial<Record<keyof CreateFormValues | 'form', string>>;
export type ToRequestResult =
  { ok: true; request: CreateContainerRequest } | { ok: false; errors: FormErrors };

/** Pure: split a command line like a shell would for words and quotes (no expansion). */
export function splitCommand(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: '"' | "'" | null = null;
  let has = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === '\\' && quote === '"' && i + 1 < line.length) cur += line[++i];
      else cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      has = true;
    } else if (ch === '\\' && i + 1 < line.length) {
      cur += line[++i];
      has = true;
    } else if (/\s/.test(ch)) {
      if (has || cur) out.push(cur);
      cur = '';
      has = false;
    } else {
      cur += ch;
    }
  }
  if (has || cur) out.push(cur);
  return out;
}

/** Pure: words back to one line, quoting what needs it. */
export function joinCommand(words: readonly string[]): string {
  return words
    .map((w) => (w === '' || /[\s"'\\]/.test(w) ? `'${w.replace(/'/g, `'"'"'`)}'` : w))
    .join(' ');
}

const fieldOf: Record<string, keyof CreateFormValues> = {
  image: 'image',
  name: 'name',
  cmd: 'command',
  env: 'env',
  ports: 'ports',
  volumes: 'volumes',
  memory: 'memory',
  cpus: 'cpus',
  pidsLimit: 'pidsLimit',
  restart: 'restart',
  network: 'network',
  privileged: 'privileged',
  pid: 'pidHost',
  capAdd: 'capAdd',
  devices: 'devices',
  securityOpt: 'securityOpt',
};

/** How the form labels its fields (for messages in words). */
const labelOf: Partial<Record<keyof CreateFormValues, string>> = {
  image: 'Image',
  name: 'Name',
  command: 'Command',
  env: 'Environment',
  ports: 'Ports',
  volumes: 'Volumes',
  network: 'Network',
  restart: 'Restart policy',
};

/** Protocol messages that read like a grammar, as a person would say them. */
const plainer: Record<string, string> = {
  'names look like [a-zA-Z0-9][a-zA-Z0-9_.-]*':
    'A name starts with a letter or digit and has only letters, digits, ".", "_" and "-".',
};

/** The form field that carries each kind of elevated option (for errors next to it). */
const fieldOfKind: Partial<Record<ElevatedKind, keyof CreateFormValues>> = {
  privileged: 'privileged',
  capabilities: 'capAdd',
  'network-host': 'network',
  'pid-host': 'pidHost',
  devices: 'devices',
  bind: 'volumes',
  seccomp: 'securityOpt',
  apparmor: 'securityOpt',
  'selinux-label': 'securityOpt',
  systempaths: 'securityOpt',
  'security-opt': 'securityOpt',
};

const trimmed = (xs: string[]) => xs.map((x) => x.trim()).filter(Boolean);

/** The request fields the form edits; a copy's other settings ride along from its `base`. */
const formFields = new Set<string>([
  'image',
  'name',
  'cmd',
  'env',
  'ports',
  'volumes',
  'memory',
  'cpus',
  'pidsLimit',
  'restart',
  'network',
  'privileged',
  'pid',
  'capAdd',
  'devices',
  'securityOpt',
]);
/** Settings that belong to the network they were given on, or to the memory limit. */
const networkBound = ['networkAliases', 'ip', 'networks'];

/**
 * Pure: the settings of `base` (the container being copied) the form does not show, kept as they
 * are — less those tied to a network or a memory limit the form changed or removed.
 */
export function carriedFrom(
  base: CreateContainerRequest,
  v: Pick<CreateFormValues, 'network' | 'memory'>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(base)) {
    if (formFields.has(k) || val === undefined) continue;
    if (networkBound.includes(k) && v.network !== (base.network ?? 'bridge')) continue;
    if (k === 'memorySwap' && !v.memory.trim()) continue;
    out[k] = val;
  }
  return out;
}

/** Pure: the names of the settings `carriedFrom` keeps, in words for the form. */
export function carriedNames(base: CreateContainerRequest): string[] {
  return Object.keys(base).filter((k) => !formFields.has(k));
}

/**
 * Pure: form values → the protocol's CreateContainerRequest, validated by the same zod schema the
 * server uses; with a `base` (Duplicate/Edit) its settings the form does not show are kept. Without `canElevate` (not an admin) elevated options are errors here already, as
 * the server would refuse them.
 */
export function toRequest(
  v: CreateFormValues,
  opts: { canElevate: boolean; base?: CreateContainerRequest } = { canElevate: false },
): ToRequestResult {
  const errors: FormErrors = {};
  const req: Record<string, unknown> = {
    ...(opts.base ? carriedFrom(opts.base, v) : {}),
    image: v.image.trim(),
  };
  if (v.name.trim()) req.name = v.name.trim();
  if (v.command.trim()) req.cmd = splitCommand(v.command.trim());
  const env = v.env.filter((e) => e.key.trim() !== '' || e.value !== '');
  if (env.some((e) => !e.key.trim() || e.key.includes('=')))
    errors.env = 'Every variable needs a name, without "=" in it.';
  req.env = env.map((e) => `${e.key.trim()}=${e.value}`);
  req.ports = v.ports.map((p) => p.trim()).filter(Boolean);
  req.volumes = v.volumes.map((p) => p.trim()).filter(Boolean);
  if (v.memory.trim()) {
    const bytes = parseByteSize(v.memory);
    if (bytes === null || bytes <= 0) errors.memory = 'Enter a size like 64m, 1g or 1048576.';
    else req.memory = bytes;
  }
  if (v.cpus.trim()) {
    const n = Number(v.cpus);
    if (!Number.isFinite(n) || n <= 0) errors.cpus = 'Enter a number of CPUs like 0.5 or 2.';
    else req.cpus = n;
  }
  if (v.pidsLimit.trim()) {
    const n = Number(v.pidsLimit);
    if (!Number.isInteger(n) || n <= 0)
      errors.pidsLimit = 'Enter a whole number of processes like 100.';
    else req.pidsLimit = n;
  }
  if (v.restart !== 'no') {
    const retries = v.restartRetries.trim();
    if (v.restart === 'on-failure' && retries) {
      if (!/^\d+$/.test(retries)) errors.restartRetries = 'Enter a whole number of retries.';
      else req.restart = `on-failure:${retries}`;
    } else req.restart = v.restart;
  }
  if (v.network !== 'bridge') req.network = v.network;
  if (v.privileged) req.privileged = true;
  if (v.pidHost) req.pid = 'host';
  for (const key of ['capAdd', 'devices', 'securityOpt'] as const) {
    const list = trimmed(v[key]);
    if (list.length > 0) req[key] = list;
  }
  const parsed = CreateContainerRequestSchema.safeParse(req);
  if (parsed.success && !opts.canElevate) {
    for (const o of classifyCreate(parsed.data)) {
      const field = fieldOfKind[o.kind] ?? 'form';
      errors[field] ??=
        o.kind === 'bind'
          ? `${o.label}: host paths need an admin (named volumes like data:/data are fine)`
          : `${o.label} needs an admin`;
    }
  }
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOf[String(issue.path[0])] ?? 'form';
      errors[field] ??=
        plainer[issue.message] ??
        issueInWords(labelOf[field as keyof CreateFormValues] ?? 'This', issue);
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, request: req as CreateContainerRequest };
}

/** Pure: a request back to form values (e.g. to prefill "duplicate"). */
export function toViewModel(r: CreateContainerRequest): CreateFormValues {
  const restart = r.restart ?? 'no';
  const [policy, retries] = restart.split(':');
  return {
    image: r.image,
    name: r.name ?? '',
    command: r.cmd ? joinCommand(r.cmd) : '',
    env: (r.env ?? []).map((e) => {
      const at = e.indexOf('=');
      return { key: e.slice(0, at), value: e.slice(at + 1) };
    }),
    ports: [...(r.ports ?? [])],
    volumes: [...(r.volumes ?? [])],
    memory: r.memory !== undefined ? String(r.memory) : '',
    cpus: r.cpus !== undefined ? String(r.cpus) : '',
    pidsLimit: r.pidsLimit !== undefined ? String(r.pidsLimit) : '',
    restart: (restartPolicyNames as readonly string[]).includes(policy ?? '')
      ? (policy as CreateFormValues['restart'])
      : 'no',
    restartRetries: retries ?? '',
    network: r.network ?? 'bridge',
    privileged: r.privileged ?? false,
    pidHost: r.pid === 'host',
    capAdd: [...(r.capAdd ?? [])],
    devices: [...(r.devices ?? [])],
    securityOpt: [...(r.securityOpt ?? [])],
  };
}
