import { route } from '@/server/http/route.js';
import { operations } from '@/server/openapi/catalog.js';
import { API_VERSION, openApiDocument } from '@/server/openapi/document.js';

export const dynamic = 'force-dynamic';

/** The OpenAPI 3.1 document of this API, generated from the zod schemas the routes validate with. */
export const GET = route({ auth: 'public' }, async ({ ctx }) =>
  Response.json(
    openApiDocument(operations, { version: API_VERSION, serverUrl: ctx.env.publicUrl }),
    {
      headers: { 'cache-control': 'no-cache' },
    },
  ),
);
