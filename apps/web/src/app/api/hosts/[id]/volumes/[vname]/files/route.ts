import { route } from '@/server/http/route.js';
import { parseQuery } from '@/server/http/query.js';
import { VolumeFilesQuery } from '@/lib/stack-api-schemas.js';

/**
 * One directory of a volume, read by the agent inside the volume only (links shown, not
 * followed). Volumes hold application data, often secret: operators and admins only.
 */
export const GET = route({ auth: 'containers.env.read' }, async ({ ctx, params, req }) =>
  ctx.volumes.browse(params.id ?? '', params.vname ?? '', parseQuery(req, VolumeFilesQuery).path),
);
