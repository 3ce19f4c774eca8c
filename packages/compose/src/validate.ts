import { Ajv, type ErrorObject } from 'ajv';
import schema from './schema/compose-spec.json' with { type: 'json' };
import { invalid } from './errors.js';
import { formatProblem, type PathProblem } from './problems.js';

// `$schema` names draft-07 by an https URL ajv does not know; the schema is draft-07 either way.
const { $schema: _ignored, ...draft07 } = schema as Record<string, unknown>;
let compiled: ReturnType<Ajv['compile']> | null = null;

function validator() {
  compiled ??= new Ajv({ allErrors: true, strict: false }).compile(draft07);
  return compiled;
}

/**
 * Pure: checks an interpolated compose document against the Compose Specification's JSON schema
 * (vendored in `schema/`, see its README). Throws INVALID_ARGUMENT listing every violation as
 * `path: message`.
 */
export function validateSchema(doc: unknown, file: string): void {
  const problems = schemaProblems(doc);
  if (problems.length === 0) return;
  throw invalid(
    `${file} does not follow the Compose Specification`,
    // an unknown key is named in its parent's message (`services.web: unknown key "imgae"`)
    dedupe(problems.map((p) => formatProblem(p.key ? { ...p, path: p.path.slice(0, -1) } : p))),
  );
}

/** Pure: every schema violation with its path (the editor's linter places them in the text). */
export function schemaProblems(doc: unknown): PathProblem[] {
  const validate = validator();
  if (validate(doc)) return [];
  return (validate.errors ?? []).filter(useful).map(toProblem);
}

/** ajv reports each failed `oneOf` branch; the branch errors say more than the summary. */
const useful = (e: ErrorObject) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf';

function toProblem(e: ErrorObject): PathProblem {
  const path: (string | number)[] = e.instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  if (e.keyword === 'additionalProperties') {
    const key = String(e.params.additionalProperty);
    return { path: [...path, key], message: `unknown key "${key}"`, key: true };
  }
  return { path, message: e.message ?? e.keyword, key: false };
}

const dedupe = (xs: string[]) => [...new Set(xs)];
