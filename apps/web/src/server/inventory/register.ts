import type { AgentHub } from '../hub/agent-hub.js';
import type { UiHub } from '../hub/ui-hub.js';
import type { AuditRepo } from '../audit/audit-repo.js';
import type { Logger } from '@berth/log';
import type { ContainerMirror } from '../containers/container-mirror.js';
import type { ContainersRepo } from '../containers/containers-repo.js';
import type { ImagesRepo } from './images-repo.js';
import { containerEventAudit } from './event-audit.js';

export interface InventoryDeps {
  hub: AgentHub;
  ui: UiHub;
  mirror: ContainerMirror;
  containers: ContainersRepo;
  images: ImagesRepo;
  audit: AuditRepo;
  log: Logger;
}

/**
 * Live inventory: mirrors what agents push (inventory.containers, inventory.images,
 * container.event) into the database and tells browsers what changed. Agents resend their full
 * lists on every connect, so the mirror converges after any restart of either side.
 */
export function registerInventory(deps: InventoryDeps): () => void {
  const { hub, ui, log } = deps;

  const offContainers = hub.on('inventory.containers', async (hostId, payload) => {
    await deps.mirror.replaceAll(hostId, payload.containers);
  });

  const offImages = hub.on('inventory.images', async (hostId, payload) => {
    await deps.images.replaceAll(hostId, payload.images);
    ui.emitToReaders('images.changed', { hostId, images: payload.images });
    // Sizes and diff IDs of layers are not in the list: fetch them without holding the event up.
    hub
      .rpc(hostId, 'image.layers', {}, 15_000)
      .then((report) => deps.images.fillLayerDetails(hostId, report.layers))
      .catch((err: unknown) => log.warn(`layer details of host ${hostId}: ${String(err)}`));
  });

  const offEvents = hub.on('container.event', async (hostId, event) => {
    const hostName = (await deps.containers.hostName(hostId)) ?? hostId;
    await deps.audit.record(containerEventAudit(hostId, hostName, event));
    ui.emitToReaders('container.event', { hostId, event });
  });

  return () => {
    offContainers();
    offImages();
    offEvents();
  };
}
