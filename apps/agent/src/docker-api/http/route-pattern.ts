/**
 * Docker's route patterns (moby's gorilla/mux templates): `/containers/{name:.*}/json` —
 * `{x}` is one path segment, `{x:.*}` any run of characters (image names hold slashes).
 */
export interface RoutePattern {
  regex: RegExp;
  names: string[];
}

/** Pure: compile a pattern once. */
export function compilePattern(pattern: string): RoutePattern {
  const names: string[] = [];
  let source = '';
  let last = 0;
  for (const m of pattern.matchAll(/\{([a-zA-Z]+)(:\.\*)?\}/g)) {
    source += escape(pattern.slice(last, m.index));
    names.push(m[1]!);
    source += m[2] ? '(.+)' : '([^/]+)';
    last = m.index + m[0].length;
  }
  source += escape(pattern.slice(last));
  return { regex: new RegExp(`^${source}$`), names };
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Pure: match a raw (still percent-encoded) path; params are decoded. Null = no match. */
export function matchPattern(p: RoutePattern, rawPath: string): Record<string, string> | null {
  const m = p.regex.exec(rawPath);
  if (!m) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.names.length; i++) {
    try {
      params[p.names[i]!] = decodeURIComponent(m[i + 1]!);
    } catch {
      return null;
    }
  }
  return params;
}
