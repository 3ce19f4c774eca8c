import type { HostFacts, SystemInfo } from '@berth/protocol';
import type { LinkStatus } from '../link/connection.js';

export interface SystemInfoSources {
  facts: () => HostFacts;
  link: () => { hostId: string | null; server: string | null; status: LinkStatus };
  dataRoot: string;
  execRoot: string;
  uptimeSec: () => number;
  /** Filled in by the engine once it is wired; null until then. */
  counts?: () => Promise<{ containers: SystemInfo['containers']; images: number | null }>;
}

/** One place builds SystemInfo, for both `GET /v1/info` and the `system.info` RPC. */
export async function buildSystemInfo(src: SystemInfoSources): Promise<SystemInfo> {
  const link = src.link();
  const counts = src.counts ? await src.counts() : { containers: null, images: null };
  return {
    facts: src.facts(),
    hostId: link.hostId,
    server: link.server,
    connected: link.status.state === 'connected',
    dataRoot: src.dataRoot,
    execRoot: src.execRoot,
    uptimeSec: src.uptimeSec(),
    containers: counts.containers,
    images: counts.images,
    link: link.status,
  };
}
