import { ProtocolError, VOLUME_READ_MAX_BYTES, type Volume } from '@berth/protocol';
import type { AgentHub } from '../hub/agent-hub.js';
import type { AuditRepo } from '../audit/audit-repo.js';
import type { ContainersRepo } from '../containers/containers-repo.js';
import type { HostVolumesDto, VolumeDto, VolumeListingDto } from '../../lib/dto/volume.js';
import { auditOnHost, type Actor } from '../audit/audited.js';

/** Pure: an agent's volume → the web's view, users named from the container mirror. */
export function toVolumeDto(v: Volume, names: ReadonlyMap<string, string>): VolumeDto {
  return {
    name: v.name,
    createdAt: v.createdAt,
    labels: v.labels,
    project: v.labels['com.docker.compose.project'] ?? null,
    usedBy: v.usedBy.map((id) => ({ engineId: id, name: names.get(id) ?? id.slice(0, 12) })),
  };
}

/**
 * Volumes per host, asked of the agent each time (it is the truth; nothing is mirrored), and the
 * read-only browser: listings and downloads the agent confines to the volume.
 */
export function createVolumesService(deps: {
  hub: AgentHub;
  audit: AuditRepo;
  containers: ContainersRepo;
}) {
  function requireOnline(hostId: string) {
    if (!deps.hub.isConnected(hostId))
      throw new ProtocolError('UNAVAILABLE', `host ${hostId} is offline`);
  }

  const audited = auditOnHost(deps.audit);

  async function names(hostId: string): Promise<Map<string, string>> {
    return new Map((await deps.containers.list({ hostId })).map((c) => [c.engineId, c.name]));
  }

  return {
    async list(hostId: string): Promise<HostVolumesDto> {
      requireOnline(hostId);
      const { volumes } = await deps.hub.rpc(hostId, 'volume.list', {});
      const n = await names(hostId);
      return { hostId, volumes: volumes.map((v) => toVolumeDto(v, n)) };
    },

    async create(actor: Actor, hostId: string, name: string): Promise<VolumeDto> {
      requireOnline(hostId);
      const v = await audited(actor, 'volume.create', hostId, { name }, () =>
        deps.hub.rpc(hostId, 'volume.create', { name }),
      );
      return toVolumeDto(v, new Map());
    },

    async remove(actor: Actor, hostId: string, name: string): Promise<{ removed: string }> {
      requireOnline(hostId);
      return audited(actor, 'volume.remove', hostId, { name }, () =>
        deps.hub.rpc(hostId, 'volume.remove', { name }, 60_000),
      );
    },

    async browse(hostId: string, name: string, path: string): Promise<VolumeListingDto> {
      requireOnline(hostId);
      const r = await deps.hub.rpc(hostId, 'volume.browse', { name, path }, 30_000);
      return { hostId, volume: name, ...r };
    },

    /**
     * A file of a volume as a byte stream, read chunk by chunk from the agent (the first chunk is
     * read before answering, so a refused path is an error, not an empty download).
     */
    async download(
      actor: Actor,
      hostId: string,
      name: string,
      path: string,
    ): Promise<{ size: number; body: ReadableStream<Uint8Array> }> {
      requireOnline(hostId);
      const read = (offset: number) =>
        deps.hub.rpc(
          hostId,
          'volume.read',
          { name, path, offset, length: VOLUME_READ_MAX_BYTES },
          30_000,
        );
      const first = await audited(actor, 'volume.download', hostId, { name, path }, () => read(0));
      let offset = 0;
      let next: typeof first | null = first;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const chunk = next ?? (await read(offset));
          next = null;
          const bytes = Buffer.from(chunk.data, 'base64');
          offset += bytes.length;
          if (bytes.length > 0) controller.enqueue(new Uint8Array(bytes));
          if (chunk.eof || bytes.length === 0) controller.close();
        },
      });
      return { size: first.size, body };
    },
  };
}
export type VolumesService = ReturnType<typeof createVolumesService>;
