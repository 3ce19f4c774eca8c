import { parseReference } from '@berth/runtime';
import { AgentError } from '../errors.js';
import type { ImageService } from './service.js';

/**
 * A pull or push the web asks for may use the credentials `berth login` stored on this host only
 * when the web says so (an admin, or a registry an admin granted). Otherwise a registry that has
 * stored credentials is refused rather than reached anonymously, so the answer is clear. The
 * local CLI and the Docker API socket (root on this host) are not limited.
 */
export async function assertStoredCredentialsAllowed(
  images: Pick<ImageService, 'hasCredentials'>,
  ref: string,
  allowed: boolean,
): Promise<void> {
  if (allowed) return;
  const registry = parseReference(ref).registry;
  if (await images.hasCredentials(registry)) {
    throw new AgentError(
      'PERMISSION_DENIED',
      `${registry} uses registry credentials stored on this host; only an admin, or a user an admin granted ${registry} to, may use them`,
    );
  }
}
