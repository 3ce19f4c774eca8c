import * as z from 'zod';
import {
  runConfigSchema,
  parseSpecOptions,
  specOptionsSchema,
  type RunConfig,
  type SpecOptions,
} from '../oci-spec/options.js';
import { parseOrThrow } from '../validate.js';
import { parsePortSpec, type PortMapping } from '../network/ports.js';
import type { NetworkMode } from '../network/endpoint.js';
import type { NetworkRequest } from '../network/network-manager.js';
import { parseMountSpec, type MountSpec } from '../volume/mount-spec.js';
import { parseDeviceSpec, type DeviceRequest } from '../oci-spec/devices.js';
import { parseRestartPolicy, type RestartPolicy } from './restart-policy.js';
import { validateName } from './names.js';
import { invalidArgument } from '../errors.js';

const networkRequestSchema = z
  .object({
    network: z.string().min(1),
    aliases: z.array(z.string()).optional(),
    ipv4Address: z.string().optional(),
  })
  .strict();

const signal = z.string().regex(/^(SIG)?[A-Z0-9+-]+$|^\d+$/, 'signal like SIGTERM, TERM or 15');

/** `berth create/run` options: the spec options plus what the container layer owns. */
export const createOptionsSchema = specOptionsSchema.extend({
  name: z.string().optional(),
  /** `[ip:]hostPort:containerPort[/proto]` */
  ports: z.array(z.string()).default([]),
  /** `src:dst[:ro]` — absolute src = bind, otherwise a named volume. */
  volumes: z.array(z.string()).default([]),
  /** `bridge` (the built-in network), `none`, `host`, or a network's name or ID. */
  network: z.string().min(1).default('bridge'),
  /** More networks (and aliases / a static address per network); the first is eth0. */
  networks: z.array(networkRequestSchema).default([]),
  /** Host devices: `/dev/HOST[:/dev/CONTAINER][:rwm]`. */
  devices: z.array(z.string()).default([]),
  restart: z.string().optional(),
  stopSignal: signal.optional(),
  /** Seconds between the stop signal and SIGKILL. */
  stopTimeout: z.number().int().min(0).max(3600).optional(),
  labels: z.record(z.string(), z.string()).default({}),
  dns: z.array(z.string()).optional(),
  /** Extra /etc/hosts entries, `host:ip` (docker's `--add-host`, compose's `extra_hosts`). */
  extraHosts: z
    .array(z.string().regex(/^[^:\s]+:\S+$/, 'extra hosts look like host:ip'))
    .default([]),
  /** Keep the main process's stdin open for attach clients (`-i`). */
  openStdin: z.boolean().default(false),
  /** With `openStdin`: the first attach client's end of input closes stdin (`docker run -i`). */
  stdinOnce: z.boolean().default(false),
});
export type CreateOptionsInput = z.input<typeof createOptionsSchema>;

export const createRequestSchema = z.object({
  image: z.object({ ref: z.string().optional(), config: runConfigSchema.default({}) }),
  options: z.unknown().optional(),
});
export type CreateRequestInput = {
  image: { ref?: string; config?: RunConfig };
  options?: CreateOptionsInput;
};

/** Fully parsed create options (pure). */
export interface ParsedCreateOptions {
  spec: SpecOptions;
  name: string | undefined;
  ports: PortMapping[];
  mounts: MountSpec[];
  devices: DeviceRequest[];
  network: NetworkMode;
  /** Empty for `bridge` alone: the built-in network. */
  networks: NetworkRequest[];
  restart: RestartPolicy;
  stopSignal: string | undefined;
  stopTimeout: number | undefined;
  labels: Record<string, string>;
  dns: string[] | undefined;
  extraHosts: Array<{ host: string; ip: string }>;
  openStdin: boolean;
  stdinOnce: boolean;
}

export function parseCreateOptions(input: unknown): ParsedCreateOptions {
  const o = parseOrThrow(createOptionsSchema, input ?? {}, 'container options');
  const {
    name,
    ports,
    volumes,
    devices,
    network,
    networks,
    restart,
    stopSignal,
    stopTimeout,
    labels,
    dns,
    extraHosts,
    openStdin,
    stdinOnce,
    ...specInput
  } = o;
  const nets = networkRequests(network, networks);
  return {
    spec: parseSpecOptions(specInput),
    name: name === undefined ? undefined : validateName(name),
    ports: ports.map(parsePortSpec),
    mounts: volumes.map(parseMountSpec),
    network: nets.mode,
    networks: nets.requests,
    devices: devices.map(parseDeviceSpec),
    restart: parseRestartPolicy(restart),
    stopSignal,
    stopTimeout,
    labels,
    dns,
    extraHosts: extraHosts.map((e) => {
      const i = e.indexOf(':');
      return { host: e.slice(0, i), ip: e.slice(i + 1) };
    }),
    openStdin,
    stdinOnce,
  };
}

/**
 * Pure: `--network` + the networks list → the mode and the networks in interface order. A named
 * `network` comes first (with its entry in `networks`, if any, for aliases and address).
 */
export function networkRequests(
  network: string,
  networks: readonly NetworkRequest[],
): { mode: NetworkMode; requests: NetworkRequest[] } {
  if (network === 'host' || network === 'none') {
    if (networks.length > 0)
      throw invalidArgument(`--network ${network} cannot be combined with other networks`);
    return { mode: network, requests: [] };
  }
  if (network === 'bridge') return { mode: 'bridge', requests: [...networks] };
  const i = networks.findIndex((n) => n.network === network);
  const head = i >= 0 ? networks[i]! : { network };
  return { mode: 'bridge', requests: [head, ...networks.filter((_, j) => j !== i)] };
}

/** Docker normalizes `TERM`/`15` to `SIGTERM`-style names runc accepts as-is. */
export function normalizeSignal(sig: string): string {
  return /^\d+$/.test(sig) || sig.startsWith('SIG') ? sig : `SIG${sig}`;
}
