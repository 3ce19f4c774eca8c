import { invalid } from './errors.js';

/** Looks a variable up; `undefined` = unset (an empty string is set). */
export type Lookup = (name: string) => string | undefined;

export interface Interpolated {
  value: string;
  /** Variables that were unset and had no default (Compose warns and substitutes ""). */
  unset: string[];
}

const NAME = /^[_a-zA-Z][_a-zA-Z0-9]*/;

/**
 * Pure: Compose's interpolation of one string — `$VAR`, `${VAR}`, `${VAR:-default}`,
 * `${VAR-default}`, `${VAR:?err}`, `${VAR?err}`, `${VAR:+alt}`, `${VAR+alt}`, nesting inside the
 * default/alternative/error text, and `$$` for a literal `$`. A `$` that starts no variable is
 * kept as is. `where` names the value in error messages (`services.web.image`).
 */
export function interpolate(input: string, lookup: Lookup, where = ''): Interpolated {
  const unset: string[] = [];
  const value = expand(input, lookup, where, unset);
  return { value, unset };
}

function expand(s: string, lookup: Lookup, where: string, unset: string[]): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const dollar = s.indexOf('$', i);
    if (dollar < 0) return out + s.slice(i);
    out += s.slice(i, dollar);
    const next = s[dollar + 1];
    if (next === '$') {
      out += '$';
      i = dollar + 2;
    } else if (next === '{') {
      const end = closingBrace(s, dollar + 2);
      if (end < 0) throw invalid(`${at(where)}invalid interpolation format in "${s}"`);
      out += braced(s.slice(dollar + 2, end), lookup, where, unset, s);
      i = end + 1;
    } else {
      const m = NAME.exec(s.slice(dollar + 1));
      if (!m) {
        out += '$';
        i = dollar + 1;
        continue;
      }
      out += resolve(m[0], lookup, unset);
      i = dollar + 1 + m[0].length;
    }
  }
  return out;
}

/** Index of the `}` closing a `${` whose body starts at `from`, counting nested `${…}`. */
function closingBrace(s: string, from: number): number {
  let depth = 1;
  for (let i = from; i < s.length; i++) {
    if (s[i] === '$' && s[i + 1] === '$') i++;
    else if (s[i] === '$' && s[i + 1] === '{') {
      depth++;
      i++;
    } else if (s[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

const OPERATORS = [':-', ':?', ':+', '-', '?', '+'] as const;

function braced(body: string, lookup: Lookup, where: string, unset: string[], whole: string) {
  const m = NAME.exec(body);
  if (!m) throw invalid(`${at(where)}invalid interpolation format in "${whole}"`);
  const name = m[0];
  const rest = body.slice(name.length);
  if (rest === '') return resolve(name, lookup, unset);
  const op = OPERATORS.find((o) => rest.startsWith(o));
  if (!op) throw invalid(`${at(where)}invalid interpolation format in "${whole}"`);
  const arg = () => expand(rest.slice(op.length), lookup, where, unset);
  const value = lookup(name);
  const missing = op.startsWith(':') ? value === undefined || value === '' : value === undefined;
  switch (op) {
    case ':-':
    case '-':
      return missing ? arg() : (value ?? '');
    case ':+':
    case '+':
      return missing ? '' : arg();
    default:
      if (missing)
        throw invalid(`${at(where)}required variable ${name} is missing a value: ${arg()}`);
      return value ?? '';
  }
}

function resolve(name: string, lookup: Lookup, unset: string[]): string {
  const v = lookup(name);
  if (v === undefined && !unset.includes(name)) unset.push(name);
  return v ?? '';
}

const at = (where: string) => (where ? `${where}: ` : '');

/**
 * Pure: interpolates every string value of a parsed YAML tree (never keys), returning a new tree.
 * Unset variables without a default are collected into `unset` (deduplicated).
 */
export function interpolateTree(
  node: unknown,
  lookup: Lookup,
  unset: string[] = [],
  path = '',
): unknown {
  if (typeof node === 'string') {
    const r = interpolate(node, lookup, path);
    for (const n of r.unset) if (!unset.includes(n)) unset.push(n);
    return r.value;
  }
  if (Array.isArray(node))
    return node.map((v, i) => interpolateTree(v, lookup, unset, `${path}[${i}]`));
  if (node !== null && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node))
      out[k] = interpolateTree(v, lookup, unset, path ? `${path}.${k}` : k);
    return out;
  }
  return node;
}
