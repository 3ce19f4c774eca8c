import type { ImageRecord } from '@berth/runtime';
import { familiar } from './image-refs.js';
import { isUnset } from './unsupported.js';
import type { DockerEvent } from '../types/events.js';
import type {
  DockerHistoryItem,
  DockerImageConfig,
  DockerImageInspect,
  DockerImageSummary,
} from '../types/image.js';

/** Pure: RFC 3339 → unix seconds (0 when absent or unreadable, as Docker's zero time). */
export function unixSeconds(created: string | undefined): number {
  const t = created ? Date.parse(created) : NaN;
  return Number.isNaN(t) ? 0 : Math.floor(t / 1000);
}

/** What the list knows about an image besides its record. */
export interface ImageFacts {
  /** Unpacked bytes of its layer chain. */
  size: number;
  /** Of which shared with other images; -1 when not asked for (`shared-size`), as Docker. */
  shared: number;
  labels: Record<string, string> | null;
}

/**
 * Pure: `GET /images/json` entry, as dockerd 20.10 builds it: absent name lists are null, an
 * image with neither tags nor digests is `<none>:<none>` / `<none>@<none>`, Containers is -1.
 */
export function toDockerImageSummary(r: ImageRecord, f: ImageFacts): DockerImageSummary {
  const none = r.repoTags.length === 0 && r.repoDigests.length === 0;
  const list = (names: readonly string[]) => (names.length ? names.map(familiar) : null);
  return {
    Id: r.id,
    ParentId: '',
    RepoTags: none ? ['<none>:<none>'] : list(r.repoTags),
    RepoDigests: none ? ['<none>@<none>'] : list(r.repoDigests),
    Created: unixSeconds(r.created),
    Size: f.size,
    SharedSize: f.shared,
    VirtualSize: f.size,
    Labels: f.labels,
    Containers: -1,
  };
}

/** The fields of Docker's container config struct, at their zero values (inspect shows them all). */
const CONFIG_ZERO: Readonly<Record<string, unknown>> = {
  Hostname: '',
  Domainname: '',
  User: '',
  AttachStdin: false,
  AttachStdout: false,
  AttachStderr: false,
  Tty: false,
  OpenStdin: false,
  StdinOnce: false,
  Env: null,
  Cmd: null,
  Image: '',
  Volumes: null,
  WorkingDir: '',
  Entrypoint: null,
  OnBuild: null,
  Labels: null,
};

/** Fields of that struct Docker leaves out when empty (`omitempty`). */
const CONFIG_OMITEMPTY = [
  'ExposedPorts',
  'Healthcheck',
  'ArgsEscaped',
  'NetworkDisabled',
  'MacAddress',
  'StopSignal',
  'StopTimeout',
  'Shell',
];

/**
 * Pure: an image's `config` / `container_config` as Docker's inspect prints it (decoded into its
 * struct and encoded again): every field present, the `omitempty` ones only when set.
 */
export function dockerConfigView(
  c: Record<string, unknown> | null | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...CONFIG_ZERO, ...(c ?? {}) };
  for (const k of CONFIG_OMITEMPTY) if (isUnset(out[k])) delete out[k];
  return out;
}

/** Pure: `GET /images/{name}/json`. */
export function toDockerImageInspect(
  r: ImageRecord,
  config: DockerImageConfig,
  size: number,
): DockerImageInspect {
  return {
    Id: r.id,
    RepoTags: r.repoTags.map(familiar),
    RepoDigests: r.repoDigests.map(familiar),
    Parent: '',
    Comment: config.comment ?? '',
    Created: config.created ?? '0001-01-01T00:00:00Z',
    Container: config.container ?? '',
    ContainerConfig: dockerConfigView(config.container_config),
    DockerVersion: config.docker_version ?? '',
    Author: config.author ?? '',
    Config: config.config ? dockerConfigView(config.config) : null,
    Architecture: config.architecture || r.platform.architecture,
    ...(config.variant ? { Variant: config.variant } : {}),
    Os: config.os || r.platform.os,
    Size: size,
    VirtualSize: size,
    GraphDriver: { Name: 'overlayfs', Data: null },
    RootFS: { Type: 'layers', Layers: [...config.rootfs.diff_ids] },
    Metadata: { LastTagTime: '0001-01-01T00:00:00Z' },
  };
}

/**
 * Pure: `GET /images/{name}/history`, newest first. Each entry that made a layer gets that
 * layer's unpacked size; the newest names the image (its ID and tags), older ones `<missing>`
 * (Docker's answer for steps it has no image of).
 */
export function toDockerHistory(
  r: ImageRecord,
  config: DockerImageConfig,
  layerSize: (chainId: string) => number,
): DockerHistoryItem[] {
  const out: DockerHistoryItem[] = [];
  let layer = 0;
  for (const h of config.history ?? []) {
    const l = h.empty_layer ? undefined : r.layers[layer++];
    out.push({
      Id: '<missing>',
      Created: unixSeconds(h.created),
      CreatedBy: h.created_by ?? '',
      Tags: null,
      Size: l ? layerSize(l.chainId) : 0,
      Comment: h.comment ?? '',
    });
  }
  out.reverse();
  if (out[0]) {
    out[0].Id = r.id;
    out[0].Tags = r.repoTags.length ? r.repoTags.map(familiar) : null;
  }
  return out;
}

/**
 * Pure: the event dockerd logs when it loads or saves an image (the engine has no such events;
 * the archive routes publish these). Docker names the image by its ID in both fields.
 */
export function imageArchiveEvent(action: 'load' | 'save', id: string, at: Date): DockerEvent {
  const timeNano = at.getTime() * 1e6;
  return {
    status: action,
    id,
    Type: 'image',
    Action: action,
    Actor: { ID: id, Attributes: { name: id } },
    scope: 'local',
    time: Math.floor(timeNano / 1e9),
    timeNano,
  };
}
