/**
 * The normalized project: every short syntax expanded to its long form, durations in
 * nanoseconds, sizes in bytes, names resolved. This is what the config hash is computed over
 * and what the plan is built from. Keys follow the Compose Specification, camelCased.
 */

export type DependsOnCondition =
  'service_started' | 'service_healthy' | 'service_completed_successfully';

export interface DependsOn {
  condition: DependsOnCondition;
  required: boolean;
  restart: boolean;
}

export interface PortConfig {
  /** Container port. */
  target: number;
  /** Host port; null = an ephemeral port chosen at deploy time. */
  published: number | null;
  hostIp: string;
  protocol: 'tcp' | 'udp';
}

export type VolumeMount =
  | {
      type: 'volume';
      /** The key in the top-level `volumes`, or null for an anonymous volume. */
      source: string | null;
      target: string;
      readOnly: boolean;
      nocopy: boolean;
    }
  | {
      type: 'bind';
      /** Absolute host path (relative paths are resolved against the project directory). */
      source: string;
      target: string;
      readOnly: boolean;
      createHostPath: boolean;
    }
  | { type: 'tmpfs'; target: string; size: number | null; mode: number | null };

export interface ServiceNetwork {
  aliases: string[];
  ipv4Address: string | null;
}

/** Docker's shape (`HealthConfig`), durations in nanoseconds (0 = Docker's default). */
export interface Healthcheck {
  /** `["NONE"]`, `["CMD", …]` or `["CMD-SHELL", "…"]`. */
  test: string[];
  interval: number;
  timeout: number;
  retries: number;
  startPeriod: number;
  startInterval: number;
}

export interface Resources {
  memoryLimit: number | null;
  memoryReservation: number | null;
  cpus: number | null;
  pidsLimit: number | null;
}

/** A secret or config file bound read-only into the container. */
export interface FileMount {
  /** Key in the top-level `secrets`/`configs`. */
  source: string;
  /** Absolute host path of the file. */
  file: string;
  /** Absolute path in the container. */
  target: string;
}

export interface ServiceConfig {
  name: string;
  image: string;
  /** null = the image's. `[]` for entrypoint clears it. */
  command: string[] | null;
  entrypoint: string[] | null;
  /** Resolved `env_file` values then `environment` values, sorted by name. */
  environment: Record<string, string>;
  ports: PortConfig[];
  expose: string[];
  volumes: VolumeMount[];
  /** Compose network key → attachment; empty with `networkMode` host/none. */
  networks: Record<string, ServiceNetwork>;
  /** `network_mode`: host/none, or bridge = the host's default bridge instead of project networks. */
  networkMode: 'host' | 'none' | 'bridge' | null;
  dependsOn: Record<string, DependsOn>;
  restart: string;
  healthcheck: Healthcheck | null;
  resources: Resources;
  replicas: number;
  containerName: string | null;
  user: string | null;
  workingDir: string | null;
  hostname: string | null;
  labels: Record<string, string>;
  tty: boolean;
  stdinOpen: boolean;
  init: boolean;
  readOnly: boolean;
  stopSignal: string | null;
  /** Nanoseconds; null = Docker's default (10 s). */
  stopGracePeriod: number | null;
  capAdd: string[];
  capDrop: string[];
  extraHosts: string[];
  dns: string[];
  profiles: string[];
  /** `always`, `missing` (default), `never`; `if_not_present` is read as `missing`. */
  pullPolicy: 'always' | 'missing' | 'never';
  secrets: FileMount[];
  configs: FileMount[];
  // Elevated options, present only when the file sets them (so older config hashes stay equal).
  privileged?: true;
  /** `host`: the host's PID namespace. */
  pid?: 'host';
  /** `host`: the host's IPC namespace. */
  ipc?: 'host';
  sysctls?: Record<string, string>;
  securityOpt?: string[];
  /** Docker's `HOST[:CONTAINER][:PERMS]`. */
  devices?: string[];
}

export interface NetworkConfig {
  /** The real name: `<project>_<key>` unless `name:` or external. */
  name: string;
  external: boolean;
  internal: boolean;
  labels: Record<string, string>;
  subnet: string | null;
  gateway: string | null;
}

export interface VolumeConfig {
  name: string;
  external: boolean;
  labels: Record<string, string>;
}

export interface Project {
  name: string;
  /** Absolute project directory (relative paths in the file resolve against it). */
  workingDir: string;
  /** Absolute paths of the compose files, as given. */
  configFiles: string[];
  /** Active services (profiles applied), by name. */
  services: Record<string, ServiceConfig>;
  networks: Record<string, NetworkConfig>;
  volumes: Record<string, VolumeConfig>;
  /** Variables the file used that were unset and had no default. */
  warnings: string[];
}
