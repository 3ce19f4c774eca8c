import { Ajv, type ErrorObject } from 'ajv';
import schema from './schema/compose-spec.json' with { type: 'json' };
import { invalid } from './errors.js';

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
  const validate = validator();
  if (validate(doc)) return;
  const problems = dedupe((validate.errors ?? []).filter(useful).map(describe));
  throw invalid(`${file} does not follow the Compose Specification`, problems);
}

/** ajv reports each failed `oneOf` branch; the branch errors say more than the summary. */
const useful = (e: ErrorObject) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf';

function describe(e: ErrorObject): string {
  const path = e.instancePath.split('/').slice(1).join('.') || '(root)';
  if (e.keyword === 'additionalProperties')
    return `${path}: unknown key "${String(e.params.additionalProperty)}"`;
  return `${path}: ${e.message ?? e.keyword}`;
}

const dedupe = (xs: string[]) => [...new Set(xs)];
