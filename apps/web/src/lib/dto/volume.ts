import type { VolumeEntry } from '@berth/protocol';

/** JSON shapes of the volumes feature on the web API (shared by server and browser). */

export interface VolumeUserDto {
  /** The agent's container ID. */
  engineId: string;
  /** Its name in the web's mirror, or the short ID when the mirror does not know it yet. */
  name: string;
}

export interface VolumeDto {
  name: string;
  createdAt: string;
  labels: Record<string, string>;
  /** The compose project it belongs to (its `com.docker.compose.project` label), if any. */
  project: string | null;
  usedBy: VolumeUserDto[];
}

export interface HostVolumesDto {
  hostId: string;
  volumes: VolumeDto[];
}

export interface VolumeListingDto {
  hostId: string;
  volume: string;
  path: string;
  entries: VolumeEntry[];
  truncated: boolean;
}
