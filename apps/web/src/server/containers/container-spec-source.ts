import type { ImageInspect } from '@berth/protocol';
import type { AgentHub } from '../hub/agent-hub.js';
import { specFromInspect, type ContainerSpec } from '../../lib/container-spec.js';

/**
 * A container's settings as the create request that makes it again, asked of its agent: its
 * inspect, and its image's config when the image is still there (what equals the image's own is
 * left to the image). The prefill of "Duplicate/Edit" and the "before" of a replace's changes.
 */
export async function containerSpecOf(
  hub: AgentHub,
  hostId: string,
  ref: string,
): Promise<ContainerSpec & { id: string; stopTimeout: number }> {
  const inspect = await hub.rpc(hostId, 'container.inspect', { ref });
  let image: ImageInspect | null = null;
  if (inspect.imageId) {
    image = await hub
      .rpc(hostId, 'image.inspect', { ref: inspect.imageId })
      .catch((err: unknown) => {
        if ((err as { code?: unknown }).code === 'NOT_FOUND') return null;
        throw err;
      });
  }
  const spec = specFromInspect(inspect, image ? image.config : null);
  return { id: inspect.id, stopTimeout: inspect.stopTimeout, ...spec };
}
