import { posix } from 'node:path';
import { invalidArgument } from '../errors.js';

// Names inside an image archive (`docker save` / OCI layout tar). Nothing here touches the
// filesystem: the loader never creates a file by an archive's name, it looks names up in its own
// table. These functions decide which names and links are inside the archive at all.

/**
 * Pure: a tar entry's name → its normalized path inside the archive (`./a//b/` → `a/b`). Absolute
 * names and names that climb out (`../x`, `a/../../x`) are refused.
 */
export function archivePath(name: string): string {
  const stripped = name.replace(/\/+$/, '');
  if (stripped === '' || stripped === '.' || stripped === './')
    throw invalidArgument(`archive entry "${printable(name)}" has no name`);
  if (stripped.startsWith('/') || stripped.includes('\0'))
    throw invalidArgument(`archive entry "${printable(name)}" is not a relative path`);
  const n = posix.normalize(stripped);
  if (n === '..' || n.startsWith('../'))
    throw invalidArgument(`archive entry "${printable(name)}" points outside the archive`);
  return n === '.' ? '' : n;
}

/**
 * Pure: where a symlink at `from` (an archive path) pointing to `target` lands, as an archive
 * path. Absolute targets and targets that climb out of the archive are refused.
 */
export function symlinkTarget(from: string, target: string): string {
  if (target.startsWith('/'))
    throw invalidArgument(
      `archive symlink "${printable(from)}" → "${printable(target)}" is absolute`,
    );
  const joined = posix.normalize(posix.join(posix.dirname(from), target));
  if (joined === '..' || joined.startsWith('../') || joined === '.')
    throw invalidArgument(
      `archive symlink "${printable(from)}" → "${printable(target)}" points outside the archive`,
    );
  return joined;
}

/** Pure: a name made safe to quote in a message (control characters escaped, length capped). */
function printable(s: string): string {
  const escaped = JSON.stringify(s.slice(0, 200)).slice(1, -1);
  return s.length > 200 ? `${escaped}…` : escaped;
}

/** Links followed at most this many times (a loop is refused, not followed forever). */
export const MAX_LINK_HOPS = 16;

/**
 * Pure: follows `links` (archive path → archive path) from `name` to a name that is not a link.
 * A chain longer than MAX_LINK_HOPS (or a loop) is refused.
 */
export function followLinks(name: string, links: ReadonlyMap<string, string>): string {
  let at = name;
  for (let hops = 0; hops <= MAX_LINK_HOPS; hops++) {
    const next = links.get(at);
    if (next === undefined) return at;
    at = next;
  }
  throw invalidArgument(`archive link "${printable(name)}" is a loop or too long a chain`);
}
