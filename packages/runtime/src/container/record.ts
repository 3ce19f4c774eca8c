import * as z from 'zod';
import { CONTAINER_STATES } from './state.js';
import { runConfigSchema } from '../oci-spec/options.js';

const portSchema = z.object({
  hostIp: z.string(),
  hostPort: z.number(),
  containerPort: z.number(),
  protocol: z.enum(['tcp', 'udp']),
});

const endpointSchema = z.object({
  networkId: z.string(),
  network: z.string(),
  ifname: z.string(),
  ip: z.string().nullable(),
  prefixLen: z.number().int().nullable(),
  gateway: z.string().nullable(),
  mac: z.string().nullable(),
  aliases: z.array(z.string()),
  ipv4Address: z.string().nullable(),
  defaultRoute: z.boolean(),
  dnsServer: z.string().nullable(),
});

/** The persisted truth about one container (`<data-root>/containers/<id>/container.json`). */
export const containerRecordSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{64}$/),
  name: z.string(),
  createdAt: z.string(),
  image: z.object({ ref: z.string().optional(), config: runConfigSchema }),
  /** The validated create options as given (kept for inspect and re-creation). */
  options: z.record(z.string(), z.unknown()),
  state: z.enum(CONTAINER_STATES),
  pid: z.number().int().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  exitCode: z.number().int().nullable(),
  oomKilled: z.boolean(),
  restartCount: z.number().int(),
  manuallyStopped: z.boolean(),
  restartPolicy: z.object({
    name: z.enum(['no', 'always', 'on-failure', 'unless-stopped']),
    maximumRetryCount: z.number().int(),
  }),
  stopSignal: z.string(),
  stopTimeout: z.number().int(),
  labels: z.record(z.string(), z.string()),
  network: z.object({
    mode: z.enum(['bridge', 'none', 'host']),
    netnsPath: z.string().nullable(),
    /** The first endpoint's address and gateway. */
    ip: z.string().nullable(),
    gateway: z.string().nullable(),
    ports: z.array(portSchema),
    /** One per network, in interface order (records written before named networks have none). */
    endpoints: z.array(endpointSchema).default([]),
  }),
  /** Named volumes this container uses. */
  volumes: z.array(z.string()),
  rootfs: z.string(),
  bundle: z.string(),
  logPath: z.string(),
  cgroupsPath: z.string(),
  /** Which confinement the container got (absent in records written before it was recorded). */
  confinement: z
    .object({
      seccomp: z.enum(['default', 'custom', 'unconfined', 'unavailable']),
      apparmor: z.string().nullable(),
      cgroupns: z.enum(['private', 'host']),
      noNewPrivileges: z.boolean(),
      readOnlyBinds: z.enum(['rro', 'ro']),
    })
    .optional(),
});
export type ContainerRecord = z.infer<typeof containerRecordSchema>;
