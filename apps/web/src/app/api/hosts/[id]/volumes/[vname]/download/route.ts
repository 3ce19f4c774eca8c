import { route } from '@/server/http/route.js';
import { parseQuery } from '@/server/http/query.js';
import { VolumeDownloadQuery } from '@/lib/stack-api-schemas.js';
import { attachmentName } from '@/server/volumes/attachment-name.js';

/** A file of a volume, streamed from the agent chunk by chunk; audited. */
export const GET = route(
  { auth: 'containers.env.read' },
  async ({ ctx, params, req, principal, meta }) => {
    const { path } = parseQuery(req, VolumeDownloadQuery);
    const file = await ctx.volumes.download(
      { principal, meta },
      params.id ?? '',
      params.vname ?? '',
      path,
    );
    return new Response(file.body, {
      headers: {
        'content-type': 'application/octet-stream',
        'content-length': String(file.size),
        'content-disposition': `attachment; filename="${attachmentName(path)}"`,
        'x-content-type-options': 'nosniff',
      },
    });
  },
);
