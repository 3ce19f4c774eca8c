/** One problem in a document, at a path of keys and list indexes (`['services', 'web', 'ports', 0]`). */
export interface PathProblem {
  path: (string | number)[];
  message: string;
  /** The problem is the key at `path` itself (an unknown or unsupported key), not its value. */
  key: boolean;
}

/** Pure: `services.web.ports[0]: message` for a path problem. */
export function formatProblem(p: PathProblem): string {
  let at = '';
  for (const part of p.path)
    at += typeof part === 'number' ? `[${part}]` : at === '' ? part : `.${part}`;
  return `${at || '(root)'}: ${p.message}`;
}
