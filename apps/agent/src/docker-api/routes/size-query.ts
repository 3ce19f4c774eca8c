import type { TerminalSize } from '@berth/runtime';
import type { DockerQuery } from '../http/query.js';

/** `?h=ROWS&w=COLS` of the resize endpoints; null when either is 0 (Docker ignores those). */
export function sizeQuery(q: DockerQuery): TerminalSize | null {
  const rows = q.int('h', { min: 0, max: 1000 }) ?? 0;
  const cols = q.int('w', { min: 0, max: 1000 }) ?? 0;
  return rows > 0 && cols > 0 ? { rows, cols } : null;
}
