import * as z from 'zod';
import { invalidArgument } from '../errors.js';
import { parseSecurityOpts } from './security-opts.js';
import { parseOrThrow } from '../validate.js';

const MIN_MEMORY = 6 * 1024 * 1024;
const capName = z
  .string()
  .regex(/^(CAP_)?[A-Za-z_]+$/, 'capability names look like NET_ADMIN or CAP_NET_ADMIN')
  .transform((c) =>
    c.toUpperCase() === 'ALL' ? 'ALL' : `CAP_${c.toUpperCase().replace(/^CAP_/, '')}`,
  );
const absPath = z
  .string()
  .regex(/^\/(?!.*(^|\/)\.\.(\/|$))/, 'must be an absolute path without ".."');
const envEntry = z.string().regex(/^[^=\0]+=/, 'env entries are KEY=VALUE');

/** The image config fields the spec needs (camelCase; see runConfigFromImage for OCI image configs). */
export const runConfigSchema = z.object({
  env: z.array(z.string()).optional(),
  cmd: z.array(z.string()).optional(),
  entrypoint: z.array(z.string()).optional(),
  workingDir: z.string().optional(),
  user: z.string().optional(),
  stopSignal: z.string().optional(),
});
export type RunConfig = z.infer<typeof runConfigSchema>;

/** The runtime half of `berth run` options: everything that shapes config.json. */
export const specOptionsSchema = z.object({
  cmd: z.array(z.string()).optional(),
  /** Overrides the image entrypoint; `[]` clears it (docker `--entrypoint ''`). */
  entrypoint: z.array(z.string()).optional(),
  env: z.array(envEntry).default([]),
  workdir: absPath.optional(),
  user: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+(:[A-Za-z0-9_.-]+)?$/, 'user is name|uid[:group|gid]')
    .optional(),
  hostname: z
    .string()
    .regex(/^[A-Za-z0-9]([A-Za-z0-9.-]{0,62})$/, 'invalid hostname')
    .optional(),
  tty: z.boolean().default(false),
  memory: z.number().int().min(MIN_MEMORY, 'minimum memory limit allowed is 6MB').optional(),
  /** memory + swap, in bytes; -1 = unlimited swap. */
  memorySwap: z.number().int().min(-1).optional(),
  memoryReservation: z.number().int().positive().optional(),
  cpus: z.number().positive('cpus must be > 0').max(1024).optional(),
  cpuShares: z.number().int().min(2).max(262144).optional(),
  cpusetCpus: z
    .string()
    .regex(/^\d+(-\d+)?(,\d+(-\d+)?)*$/, 'cpuset is like 0-2,4')
    .optional(),
  pidsLimit: z.number().int().positive().optional(),
  blkioWeight: z.number().int().min(10).max(1000).optional(),
  capAdd: z.array(capName).default([]),
  capDrop: z.array(capName).default([]),
  privileged: z.boolean().default(false),
  /** `host` joins the host's PID / IPC / UTS namespace instead of a new one. */
  pid: z.enum(['private', 'host']).default('private'),
  ipc: z.enum(['private', 'host']).default('private'),
  uts: z.enum(['private', 'host']).default('private'),
  /** Kernel parameters written by runc inside the container's namespaces (dotted names only). */
  sysctls: z
    .record(
      z
        .string()
        .regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+$/, 'sysctl names look like net.ipv4.ip_forward'),
      z.string().regex(/^[^\n\0]*$/, 'sysctl values are one line'),
    )
    .default({}),
  /** Docker's `--security-opt`: `seccomp=unconfined|<profile JSON>`, `apparmor=…`, `no-new-privileges`. */
  securityOpt: z.array(z.string()).default([]),
  /** `private` (default): the container sees its own cgroup as the root; `host`: the host's tree. */
  cgroupns: z.enum(['private', 'host']).default('private'),
  readOnly: z.boolean().default(false),
  /** tmpfs mounts: target → mount options (`size=64m,mode=1777`). */
  tmpfs: z.record(absPath, z.string()).default({}),
  init: z.boolean().default(false),
  shmSize: z.number().int().positive().optional(),
  ulimits: z
    .array(
      z.object({
        name: z.string().regex(/^[a-z]+$/),
        soft: z.number().int().nonnegative(),
        hard: z.number().int().nonnegative(),
      }),
    )
    .default([]),
});
export type SpecOptionsInput = z.input<typeof specOptionsSchema>;
export type SpecOptions = z.output<typeof specOptionsSchema>;

/** Formats zod issues into one readable message. */
export function parseSpecOptions(input: unknown): SpecOptions {
  const opts = parseOrThrow(specOptionsSchema, input, 'container options');
  if (opts.memorySwap !== undefined && opts.memorySwap !== -1) {
    if (opts.memory === undefined) throw invalidArgument('memorySwap requires memory');
    if (opts.memorySwap < opts.memory) throw invalidArgument('memorySwap must be >= memory');
  }
  parseSecurityOpts(opts.securityOpt); // validated here, before anything is created
  for (const u of opts.ulimits) {
    if (u.soft > u.hard) throw invalidArgument(`ulimit ${u.name}: soft limit exceeds hard limit`);
  }
  return opts;
}

/** The run-relevant part of an OCI image config's `config` object (Docker's capitalized keys). */
export interface OciImageRunFields {
  User?: string;
  Env?: string[] | null;
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
  WorkingDir?: string;
  StopSignal?: string;
}

/** Pure: maps an image config's `config` (OCI image spec) to the spec builder's RunConfig. */
export function runConfigFromImage(c: OciImageRunFields | undefined): RunConfig {
  const out: RunConfig = {};
  if (!c) return out;
  if (c.Env) out.env = c.Env;
  if (c.Cmd) out.cmd = c.Cmd;
  if (c.Entrypoint) out.entrypoint = c.Entrypoint;
  if (c.WorkingDir) out.workingDir = c.WorkingDir;
  if (c.User) out.user = c.User;
  if (c.StopSignal) out.stopSignal = c.StopSignal;
  return out;
}
