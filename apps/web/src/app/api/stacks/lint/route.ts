import { lintCompose } from '@berth/compose';
import { z } from 'zod';
import { STACK_ENV_MAX_BYTES, STACK_FILE_MAX_BYTES } from '@berth/protocol';
import { route } from '@/server/http/route.js';
import { parseEnvText } from '@/lib/env-text.js';

const Body = z
  .object({
    compose: z.string().max(STACK_FILE_MAX_BYTES),
    env: z.string().max(STACK_ENV_MAX_BYTES).default(''),
  })
  .strict();

/**
 * The editor's full lint: YAML, the Compose Specification's schema and Berth's supported keys,
 * each problem with its place in the text. Here rather than in the browser because the schema
 * validator is compiled code the page's Content-Security-Policy does not allow. Changes nothing.
 */
export const POST = route({ auth: 'stacks.deploy', body: Body }, async ({ body }) => ({
  diagnostics: lintCompose(body.compose, parseEnvText(body.env)),
}));
