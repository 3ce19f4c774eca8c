import type { DependsOn, Healthcheck, PortConfig } from './model.js';

export type SpecMount =
  /** `name` null = an anonymous volume the deployer creates. */
  | { type: 'volume'; name: string | null; target: string; readOnly: boolean }
  | { type: 'bind'; source: string; target: string; readOnly: boolean; createHostPath: boolean }
  | { type: 'tmpfs'; target: string; options: string };

export interface SpecNetwork {
  /** The real network name (`<project>_<key>`). */
  name: string;
  /** Container name, service name, then the configured aliases. */
  aliases: string[];
  ipv4Address: string | null;
}

/** One container to create, in engine terms (what a `docker create` would carry). */
export interface ContainerSpec {
  name: string;
  image: string;
  command: string[] | null;
  entrypoint: string[] | null;
  /** `KEY=VALUE`, sorted by key. */
  env: string[];
  workingDir: string | null;
  user: string | null;
  hostname: string | null;
  tty: boolean;
  stdinOpen: boolean;
  init: boolean;
  readOnly: boolean;
  stopSignal: string | null;
  /** Whole seconds, rounded up; null = the engine's default. */
  stopTimeout: number | null;
  capAdd: string[];
  capDrop: string[];
  labels: Record<string, string>;
  ports: PortConfig[];
  expose: string[];
  mounts: SpecMount[];
  /** Empty when `networkMode` is set. */
  networks: SpecNetwork[];
  networkMode: 'host' | 'none' | 'bridge' | null;
  dns: string[];
  extraHosts: string[];
  restart: string;
  healthcheck: Healthcheck | null;
  memory: number | null;
  memoryReservation: number | null;
  cpus: number | null;
  pidsLimit: number | null;
  privileged?: true;
  pid?: 'host';
  ipc?: 'host';
  sysctls?: Record<string, string>;
  securityOpt?: string[];
  devices?: string[];
}

export interface ContainerPlan {
  service: string;
  /** 1-based replica number (`com.docker.compose.container-number`). */
  number: number;
  name: string;
  spec: ContainerSpec;
}

export interface ServicePlan {
  name: string;
  image: string;
  pullPolicy: 'always' | 'missing' | 'never';
  replicas: number;
  configHash: string;
  dependsOn: Record<string, DependsOn>;
  /** Whether `service_healthy` can be waited on: false when no healthcheck is configured here
   * (the image's HEALTHCHECK may still provide one; the deployer checks at run time). */
  hasHealthcheck: boolean;
  containers: ContainerPlan[];
}

export interface NetworkPlan {
  key: string;
  name: string;
  external: boolean;
  internal: boolean;
  subnet: string | null;
  gateway: string | null;
  labels: Record<string, string>;
}

export interface VolumePlan {
  key: string;
  name: string;
  external: boolean;
  labels: Record<string, string>;
}

/** What `up` makes, in order: networks, volumes, then services in depends_on order. */
export interface StackPlan {
  project: string;
  workingDir: string;
  configFiles: string[];
  networks: NetworkPlan[];
  volumes: VolumePlan[];
  services: ServicePlan[];
  warnings: string[];
}
