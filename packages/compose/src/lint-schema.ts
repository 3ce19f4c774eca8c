import type { LintDiagnostic } from './lint.js';
import { lintComposeText } from './lint.js';
import { unsupportedProblems } from './supported.js';
import { schemaProblems } from './validate.js';

/**
 * Pure: the full text lint — YAML syntax, the Compose Specification's schema, then the keys Berth
 * does not support (only once the schema holds: their checks assume its shapes). For servers;
 * browsers use `lintComposeText` from `@berth/compose/lint` and ask a server for this.
 */
export function lintCompose(
  text: string,
  env: Readonly<Record<string, string>> = {},
): LintDiagnostic[] {
  return lintComposeText(text, env, (doc) => {
    const schema = schemaProblems(doc);
    return schema.length > 0 ? schema : unsupportedProblems(doc);
  });
}
