/** One challenge from a `WWW-Authenticate` header (RFC 7235). */
export interface AuthChallenge {
  readonly scheme: string; // lowercased: 'basic' | 'bearer' | …
  readonly params: Readonly<Record<string, string>>; // keys lowercased
}

/**
 * Parses a `WWW-Authenticate` header value into challenges. Handles quoted strings with escapes,
 * several challenges in one header and commas inside quoted values, e.g.
 * `Bearer realm="https://auth/token",service="registry",scope="repository:a/b:pull,push"`.
 */
export function parseWwwAuthenticate(header: string): AuthChallenge[] {
  const out: Array<{ scheme: string; params: Record<string, string> }> = [];
  let i = 0;
  const n = header.length;
  const skipWs = () => {
    while (i < n && /[\s,]/.test(header[i]!)) i++;
  };
  const token = () => {
    const start = i;
    while (i < n && /[!#$%&'*+.^_`|~0-9A-Za-z/-]/.test(header[i]!)) i++;
    return header.slice(start, i);
  };
  while (i < n) {
    skipWs();
    const scheme = token();
    if (!scheme) {
      i++;
      continue;
    }
    const current = { scheme: scheme.toLowerCase(), params: {} as Record<string, string> };
    out.push(current);
    for (;;) {
      while (i < n && /[\s,]/.test(header[i]!)) i++;
      const save = i;
      const key = token();
      while (i < n && header[i] === ' ') i++;
      if (!key || header[i] !== '=') {
        i = save; // a bare token starts the next challenge (token68 values are ignored)
        break;
      }
      i++; // '='
      while (i < n && header[i] === ' ') i++;
      let value = '';
      if (header[i] === '"') {
        i++;
        while (i < n && header[i] !== '"') {
          if (header[i] === '\\' && i + 1 < n) i++;
          value += header[i];
          i++;
        }
        i++; // closing quote
      } else {
        const start = i;
        while (i < n && header[i] !== ',' && !/\s/.test(header[i]!)) i++;
        value = header.slice(start, i);
      }
      current.params[key.toLowerCase()] = value;
    }
  }
  return out;
}
