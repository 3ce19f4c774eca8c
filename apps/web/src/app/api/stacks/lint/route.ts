import { lintCompose } from '@berth/compose';
import { route } from '@/server/http/route.js';
import { parseEnvText } from '@/lib/env-text.js';
import { LintStackBody } from '@/lib/stack-api-schemas.js';

/**
 * The editor's full lint: YAML, the Compose Specification's schema and Berth's supported keys,
 * each problem with its place in the text. Here rather than in the browser because the schema
 * validator is compiled code the page's Content-Security-Policy does not allow. Changes nothing.
 */
export const POST = route({ auth: 'stacks.deploy', body: LintStackBody }, async ({ body }) => ({
  diagnostics: lintCompose(body.compose, parseEnvText(body.env)),
}));
