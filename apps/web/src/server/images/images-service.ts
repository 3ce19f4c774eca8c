import { ProtocolError } from '@berth/protocol';
import type { AgentHub } from '../hub/agent-hub.js';
import type { UiHub } from '../hub/ui-hub.js';
import type { AuditRepo } from '../audit/audit-repo.js';
import type { Logger } from '@berth/log';
import type { HostImagesDto, ImageDto, LayerSharingDto } from '../../lib/dto/image.js';
import type { ImagesReadRepo } from './images-read-repo.js';
import { toLayerSharing } from './layer-sharing.js';
import { createPullRegistry } from './pull-registry.js';
import type {
  RegistryCredentialsService,
  TransferCredentials,
} from '../registry-credentials/credentials-service.js';
import { auditOnHost, errorText, type Actor } from '../audit/audited.js';

/** Pulls and pushes can take long; everything else answers quickly. */
const TRANSFER_TIMEOUT_MS = 30 * 60_000;

/**
 * Images per host: reads the database mirror, acts through the agent's image RPCs (every action
 * audited with its outcome), and relays a pull's per-layer progress to the browser socket that
 * started it.
 */
export function createImagesService(deps: {
  agentHub: AgentHub;
  uiHub: UiHub;
  audit: AuditRepo;
  images: ImagesReadRepo;
  credentials: Pick<RegistryCredentialsService, 'forTransfer'>;
  log: Logger;
}) {
  const pulls = createPullRegistry();

  // The pull's HTTP request may have reached another replica than the agent's socket.
  deps.agentHub.share('image.pull.progress', (_hostId, p) => !pulls.has(p.pullId));
  deps.agentHub.on('image.pull.progress', (hostId, p) => {
    const socketId = pulls.target(p.pullId, hostId);
    if (socketId) deps.uiHub.emitTo(socketId, 'image.pull.progress', { hostId, ...p });
  });

  const audited = auditOnHost(deps.audit);

  /**
   * The credentials a pull or push may use, and its audit detail (which says whether the web's
   * credentials went along, never what they are). A refusal is audited as denied.
   */
  async function transferCredentials(actor: Actor, action: string, hostId: string, ref: string) {
    let t: TransferCredentials;
    try {
      t = await deps.credentials.forTransfer(actor.principal, ref);
    } catch (err) {
      await deps.audit.record({
        actorId: actor.principal.userId,
        actorName: actor.principal.username,
        action,
        target: `host:${hostId}`,
        outcome:
          err instanceof ProtocolError && err.code === 'PERMISSION_DENIED' ? 'denied' : 'failure',
        detail: { ref, message: errorText(err) },
        ip: actor.meta.ip,
      });
      throw err;
    }
    return {
      params: { storedCredentials: t.storedCredentials, ...(t.auth ? { auth: t.auth } : {}) },
      detail: { ref, storedCredentials: t.storedCredentials, webCredentials: t.auth !== undefined },
    };
  }

  return {
    async list(hostId: string): Promise<HostImagesDto> {
      return { hostId, images: await deps.images.list(hostId), source: 'mirror' };
    },

    async layers(hostId: string): Promise<LayerSharingDto> {
      const images = await deps.images.list(hostId);
      if (deps.agentHub.isConnected(hostId)) {
        const report = await deps.agentHub.rpc(hostId, 'image.layers', {});
        const view = toLayerSharing(
          hostId,
          report.layers.map((l) => ({ digest: l.digest, size: l.size, imageIds: l.images })),
          images,
          'agent',
        );
        return { ...view, totalSize: report.totalSize, sharedSavings: report.sharedSavings };
      }
      return toLayerSharing(hostId, await deps.images.layerUses(hostId), images, 'mirror');
    },

    async pull(
      actor: Actor,
      hostId: string,
      input: { ref: string; pullId: string; socketId?: string },
    ): Promise<{ pullId: string; image: ImageDto }> {
      await deps.agentHub.requireOnline(hostId);
      if (pulls.has(input.pullId)) throw new ProtocolError('ALREADY_EXISTS', 'pull id in use');
      const socketId =
        input.socketId && (await deps.uiHub.socketUserId(input.socketId)) === actor.principal.userId
          ? input.socketId
          : null;
      const creds = await transferCredentials(actor, 'image.pull', hostId, input.ref);
      pulls.start(input.pullId, hostId, socketId);
      try {
        const res = await audited(actor, 'image.pull', hostId, creds.detail, () =>
          deps.agentHub.rpc(
            hostId,
            'image.pull',
            { ref: input.ref, pullId: input.pullId, ...creds.params },
            TRANSFER_TIMEOUT_MS,
          ),
        );
        const img = res.image;
        return {
          pullId: res.pullId,
          image: {
            id: img.id,
            repoTags: img.repoTags,
            repoDigests: img.repoDigests,
            size: img.size,
            created: img.created,
            dangling: img.dangling,
            layers: img.layers.map((digest) => ({ digest, size: null })),
          },
        };
      } finally {
        pulls.end(input.pullId);
      }
    },

    async tag(actor: Actor, hostId: string, input: { source: string; target: string }) {
      await deps.agentHub.requireOnline(hostId);
      return audited(actor, 'image.tag', hostId, input, () =>
        deps.agentHub.rpc(hostId, 'image.tag', input),
      );
    },

    async push(actor: Actor, hostId: string, input: { ref: string }) {
      await deps.agentHub.requireOnline(hostId);
      const creds = await transferCredentials(actor, 'image.push', hostId, input.ref);
      return audited(actor, 'image.push', hostId, creds.detail, () =>
        deps.agentHub.rpc(
          hostId,
          'image.push',
          { ref: input.ref, ...creds.params },
          TRANSFER_TIMEOUT_MS,
        ),
      );
    },

    async remove(actor: Actor, hostId: string, input: { ref: string; force?: boolean }) {
      await deps.agentHub.requireOnline(hostId);
      return audited(actor, 'image.remove', hostId, input, () =>
        deps.agentHub.rpc(hostId, 'image.remove', input),
      );
    },

    async prune(actor: Actor, hostId: string) {
      await deps.agentHub.requireOnline(hostId);
      return audited(actor, 'image.prune', hostId, {}, () =>
        deps.agentHub.rpc(hostId, 'image.prune', {}, 5 * 60_000),
      );
    },
  };
}
export type ImagesService = ReturnType<typeof createImagesService>;
