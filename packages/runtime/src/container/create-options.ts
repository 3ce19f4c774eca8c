import { z } from 'zod';
import {
  runConfigSchema,
  parseOrThrow,
  parseSpecOptions,
  specOptionsSchema,
  type RunConfig,
  type SpecOptions,
} from '../oci-spec/options.js';
import { parsePortSpec, type PortMapping } from '../network/ports.js';
import { parseMountSpec, type MountSpec } from '../volume/mount-spec.js';
import { parseDeviceSpec, type DeviceRequest } from '../oci-spec/devices.js';
import { parseRestartPolicy, type RestartPolicy } from './restart-policy.js';
import { validateName } from './names.js';

const signal = z.string().regex(/^(SIG)?[A-Z0-9+-]+$|^\d+$/, 'signal like SIGTERM, TERM or 15');

/** `berth create/run` options: the spec options plus what the container layer owns. */
export const createOptionsSchema = specOptionsSchema.extend({
  name: z.string().optional(),
  /** `[ip:]hostPort:containerPort[/proto]` */
  ports: z.array(z.string()).default([]),
  /** `src:dst[:ro]` — absolute src = bind, otherwise a named volume. */
  volumes: z.array(z.string()).default([]),
  network: z.enum(['bridge', 'none', 'host']).default('bridge'),
  /** Host devices: `/dev/HOST[:/dev/CONTAINER][:rwm]`. */
  devices: z.array(z.string()).default([]),
  restart: z.string().optional(),
  stopSignal: signal.optional(),
  /** Seconds between the stop signal and SIGKILL. */
  stopTimeout: z.number().int().min(0).max(3600).optional(),
  labels: z.record(z.string(), z.string()).default({}),
  dns: z.array(z.string()).optional(),
  /** Keep the main process's stdin open for attach clients (`-i`). */
  openStdin: z.boolean().default(false),
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
  network: 'bridge' | 'none' | 'host';
  restart: RestartPolicy;
  stopSignal: string | undefined;
  stopTimeout: number | undefined;
  labels: Record<string, string>;
  dns: string[] | undefined;
  openStdin: boolean;
}

export function parseCreateOptions(input: unknown): ParsedCreateOptions {
  const o = parseOrThrow(createOptionsSchema, input ?? {}, 'container options');
  const {
    name,
    ports,
    volumes,
    devices,
    network,
    restart,
    stopSignal,
    stopTimeout,
    labels,
    dns,
    openStdin,
    ...specInput
  } = o;
  return {
    spec: parseSpecOptions(specInput),
    name: name === undefined ? undefined : validateName(name),
    ports: ports.map(parsePortSpec),
    mounts: volumes.map(parseMountSpec),
    devices: devices.map(parseDeviceSpec),
    network,
    restart: parseRestartPolicy(restart),
    stopSignal,
    stopTimeout,
    labels,
    dns,
    openStdin,
  };
}

/** Docker normalizes `TERM`/`15` to `SIGTERM`-style names runc accepts as-is. */
export function normalizeSignal(sig: string): string {
  return /^\d+$/.test(sig) || sig.startsWith('SIG') ? sig : `SIG${sig}`;
}
