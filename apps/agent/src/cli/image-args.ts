import { isAbsolute, resolve } from 'node:path';
import { AgentError } from '../errors.js';

/** `--filter dangling=true|false` (repeatable; the last wins) → the API's `dangling` or undefined. */
export function parseDanglingFilter(filters: readonly string[]): boolean | undefined {
  let dangling: boolean | undefined;
  for (const f of filters) {
    const m = /^dangling=(true|false|1|0)$/i.exec(f.trim());
    if (!m) {
      throw new AgentError(
        'INVALID_ARGUMENT',
        `--filter: unsupported filter "${f.slice(0, 100)}" (supported: dangling=true|false)`,
      );
    }
    dangling = /^(true|1)$/i.test(m[1]!);
  }
  return dangling;
}

/** A CLI path → the absolute path the agent (same host) should use. */
export function agentPath(path: string, cwd: string): string {
  if (path.trim() === '') throw new AgentError('INVALID_ARGUMENT', 'empty file path');
  return isAbsolute(path) ? path : resolve(cwd, path);
}
