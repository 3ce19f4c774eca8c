import { isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { isComposeError } from './errors.js';
import { interpolateTree, type Lookup } from './interpolate.js';
import { formatProblem, type PathProblem } from './problems.js';
import { unsupportedProblems } from './supported.js';

/** One problem placed in the text: offsets `[from, to)` into it (the editor underlines them). */
export interface LintDiagnostic {
  from: number;
  to: number;
  severity: 'error' | 'warning';
  message: string;
}

/** The document-level checks a lint runs on the interpolated document. */
export type DocumentCheck = (doc: Record<string, unknown>) => PathProblem[];

/**
 * Pure and browser-safe (no `node:` modules, no code generation): what can be said about a compose
 * file from its text alone — YAML syntax, then `check` (default: the keys Berth does not support),
 * each problem placed at its key or value. Variables interpolate from `env` (the stack's `.env`),
 * unset ones as empty strings. `lintCompose` (the package's main entry) adds the Compose
 * Specification's schema, whose validator ajv compiles with `new Function` — which a page's
 * Content-Security-Policy rightly forbids, so browsers ask the server for it. Cross-references
 * (undeclared volumes, dependency cycles, `env_file`s) need the whole loader: the deploy preview
 * reports those.
 */
export function lintComposeText(
  text: string,
  env: Readonly<Record<string, string>> = {},
  check: DocumentCheck = unsupportedProblems,
): LintDiagnostic[] {
  const doc = parseDocument(text, { merge: true, uniqueKeys: true, prettyErrors: false });
  const out: LintDiagnostic[] = [];
  for (const e of doc.errors)
    out.push({
      from: e.pos[0],
      to: Math.max(e.pos[1], e.pos[0] + 1),
      severity: 'error',
      message: firstLine(e.message),
    });
  for (const w of doc.warnings)
    out.push({
      from: w.pos[0],
      to: Math.max(w.pos[1], w.pos[0] + 1),
      severity: 'warning',
      message: firstLine(w.message),
    });
  if (doc.errors.length > 0) return clamp(out, text.length);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 1000 });
  } catch (err) {
    return clamp([...out, whole(text, 'error', errorText(err))], text.length);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return clamp(
      [...out, whole(text, 'error', 'the top level must be a mapping (services: …)')],
      text.length,
    );
  const lookup: Lookup = (name) => env[name];
  let interpolated: Record<string, unknown>;
  try {
    interpolated = interpolateTree(value, lookup) as Record<string, unknown>;
  } catch (err) {
    if (!isComposeError(err)) throw err;
    return clamp([...out, whole(text, 'error', err.message)], text.length);
  }
  const problems = check(interpolated);
  const seen = new Set<string>();
  for (const p of problems) {
    const message = formatProblem(p);
    if (seen.has(message)) continue;
    seen.add(message);
    const [from, to] = locate(doc, p);
    out.push({ from, to, severity: 'error', message });
  }
  return clamp(out, text.length);
}

/** The text range of a problem: its key (unknown keys), else its value, else the nearest parent. */
function locate(doc: Document, p: PathProblem): [number, number] {
  for (let n = p.path.length; n > 0; n--) {
    const parent = n === 1 ? doc.contents : doc.getIn(p.path.slice(0, n - 1), true);
    const last = p.path[n - 1];
    const range = childRange(parent as Node | null, last, p.key && n === p.path.length);
    if (range) return range;
  }
  const r = doc.contents?.range;
  return r ? [r[0], Math.max(r[1], r[0] + 1)] : [0, 1];
}

function childRange(parent: Node | null, key: string | number | undefined, wantKey: boolean) {
  if (parent === null || key === undefined) return null;
  if (isSeq(parent) && typeof key === 'number') {
    const item = parent.items[key] as Node | undefined;
    return item?.range ? ([item.range[0], item.range[1]] as [number, number]) : null;
  }
  if (!isMap(parent)) return null;
  for (const pair of parent.items) {
    if (!isPair(pair) || !isScalar(pair.key) || String(pair.key.value) !== String(key)) continue;
    const value = pair.value as Node | null;
    const node = wantKey || !value?.range ? pair.key : value;
    const r = node.range;
    return r ? ([r[0], Math.max(r[1], r[0] + 1)] as [number, number]) : null;
  }
  return null;
}

const firstLine = (s: string) => s.split('\n')[0] ?? s;
const errorText = (err: unknown) => (err instanceof Error ? firstLine(err.message) : String(err));
const whole = (
  text: string,
  severity: LintDiagnostic['severity'],
  message: string,
): LintDiagnostic => ({
  from: 0,
  to: Math.max(1, Math.min(text.length, text.indexOf('\n') < 0 ? text.length : text.indexOf('\n'))),
  severity,
  message,
});

function clamp(list: LintDiagnostic[], length: number): LintDiagnostic[] {
  return list.map((d) => ({
    ...d,
    from: Math.min(d.from, length),
    to: Math.min(Math.max(d.to, d.from), length),
  }));
}
