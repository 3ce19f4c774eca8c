import { route } from '@/server/http/route.js';
import { readBundle } from '@/server/downloads/bundle-dir.js';

/** The agent release this web serves (what "Upgrade" installs), or null when none was built. */
export const GET = route({ auth: 'hosts.read' }, async ({ ctx }) => {
  const b = readBundle(ctx.env.bundleDir);
  return {
    bundle: b ? { version: b.version, arch: b.arch, sha256: b.sha256 } : null,
    webVersion: ctx.webVersion,
  };
});
