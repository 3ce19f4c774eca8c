import { z } from 'zod';
import { can, roles } from '../../lib/roles.js';
import { scopesAllow, tokenScopes } from '../../lib/token-scopes.js';
import type { Action } from '../../lib/roles.js';
import { errorSchema, type Operation } from './catalog.js';
import { SESSION_COOKIE } from '../auth/cookie.js';

type Json = Record<string, unknown>;

/** The API's version in the document (bumped on incompatible changes of the API, not of Berth). */
export const API_VERSION = '1.0.0';

/** JSON Schema 2020-12 (OpenAPI 3.1's dialect) of what a request may send. */
function schemaOf(s: z.ZodType): Json {
  const out = z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Json;
  delete out.$schema;
  return out;
}

/** Pure: who may call an operation, in words (roles and token scopes). */
export function whoMay(auth: Operation['auth']): string {
  if (auth === 'public') return 'Anyone.';
  if (auth === 'agent') return 'Agents (join token in the body); no user authentication.';
  if (auth === 'session') return 'Any signed-in user or API token.';
  const action: Action = auth;
  const rs = roles.filter((r) => can(r, action));
  const ss = tokenScopes.filter((s) => scopesAllow([s], action));
  return `Permission \`${action}\`: roles ${rs.join(', ')}; token scopes ${ss.join(', ')}.`;
}

/**
 * Pure: the OpenAPI 3.1 document of the web API from the operation table. Request bodies and
 * query strings are the zod schemas the handlers validate with (zod 4's JSON Schema output).
 */
export function openApiDocument(
  ops: readonly Operation[],
  info: { version: string; serverUrl: string },
): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const o of ops) {
    const pathParams = [...o.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    const parameters = [
      ...pathParams.map((name) => ({
        name,
        in: 'path',
        required: true,
        schema: schemaOf(o.params?.[name] ?? z.string().min(1)),
      })),
      ...Object.entries(o.query?.shape ?? {}).map(([name, s]) => {
        const schema = schemaOf(s as z.ZodType);
        return {
          name,
          in: 'query',
          required: !(s as z.ZodType).safeParse(undefined).success,
          schema,
          ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
        };
      }),
    ];
    const status = String(o.status ?? 200);
    const ok: Json =
      status === '204'
        ? { description: 'Done (no body).' }
        : {
            description: 'Success.',
            content: {
              [o.path === '/metrics' ? 'text/plain' : 'application/json']: {
                schema: o.response
                  ? schemaOf(o.response)
                  : o.path === '/metrics'
                    ? { type: 'string' }
                    : { type: 'object' },
              },
            },
          };
    const error = { $ref: '#/components/responses/Error' };
    paths[o.path] ??= {};
    paths[o.path]![o.method] = {
      tags: [o.tag],
      summary: o.summary,
      description: whoMay(o.auth),
      operationId: `${o.method}${o.path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      ...(o.auth === 'public' || o.auth === 'agent' ? { security: [] } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(o.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: schemaOf(o.body) } },
            },
          }
        : {}),
      responses: { [status]: ok, '400': error, '401': error, '403': error, '404': error },
    };
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Berth web API',
      version: info.version,
      description:
        'Every /api route takes a browser session (cookie + same Origin for changes) or `Authorization: Bearer berth_…` (an API token: no cookie, no Origin check). A token does what its scopes allow and never more than its owner’s current role; a host-limited token only sees and touches its hosts. Errors are `{code, message, details?}`.',
    },
    servers: [{ url: info.serverUrl }],
    security: [{ bearerAuth: [] }, { sessionCookie: [] }],
    tags: [...new Set(ops.map((o) => o.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API token (`berth_…`) from Account → API tokens or POST /api/tokens.',
        },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
      },
      responses: {
        Error: {
          description:
            'An error with a closed code (INVALID_ARGUMENT 400, UNAUTHENTICATED 401, PERMISSION_DENIED 403, NOT_FOUND 404, …).',
          content: { 'application/json': { schema: schemaOf(errorSchema) } },
        },
      },
    },
  };
}
