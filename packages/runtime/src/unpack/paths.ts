import { invalidArgument } from '../errors.js';

/**
 * Pure checks on layer tar paths. A path becomes a list of components below the snapshot root;
 * `..` anywhere is rejected (never "cleaned", since a cleaned path may mean something else than
 * the author intended), leading `/` and `./` are dropped, empty and `.` components ignored.
 */
export function entryComponents(name: string): string[] {
  if (name.includes('\0'))
    throw invalidArgument(`path "${name.replace(/\0/g, '\\0')}" contains NUL`);
  const parts = name.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.some((p) => p === '..'))
    throw invalidArgument(`path "${name}" escapes the root with ".."`);
  return parts;
}

export type WhiteoutKind =
  { kind: 'opaque' } | { kind: 'whiteout'; name: string } | { kind: 'meta' } | { kind: 'none' };

export const WHITEOUT_PREFIX = '.wh.';
export const OPAQUE_MARKER = '.wh..wh..opq';

/** Classifies an entry's base name by the OCI whiteout convention. */
export function whiteoutKind(base: string): WhiteoutKind {
  if (base === OPAQUE_MARKER) return { kind: 'opaque' };
  if (base.startsWith('.wh..wh.')) return { kind: 'meta' }; // aufs metadata (.wh..wh.plnk …): skipped
  if (base.startsWith(WHITEOUT_PREFIX)) {
    const name = base.slice(WHITEOUT_PREFIX.length);
    if (name === '' || name === '.' || name === '..')
      throw invalidArgument(`invalid whiteout "${base}"`);
    return { kind: 'whiteout', name };
  }
  return { kind: 'none' };
}

/** Xattrs a layer may set. `trusted.overlay.*` would let a layer forge overlay metadata (redirects, opaque). */
export function isAllowedXattr(name: string): boolean {
  if (name.startsWith('trusted.overlay.')) return false;
  return (
    name === 'security.capability' ||
    name.startsWith('user.') ||
    name.startsWith('trusted.') ||
    name.startsWith('security.')
  );
}

/** Extracts `SCHILY.xattr.*` records from PAX headers. */
export function paxXattrs(pax: Record<string, string> | null | undefined): Array<[string, Buffer]> {
  if (!pax) return [];
  const out: Array<[string, Buffer]> = [];
  for (const [k, v] of Object.entries(pax)) {
    if (!k.startsWith('SCHILY.xattr.')) continue;
    const name = k.slice('SCHILY.xattr.'.length);
    if (isAllowedXattr(name)) out.push([name, Buffer.from(v, 'latin1')]);
  }
  return out;
}

/**
 * The PAX records that replace header fields a ustar header cannot hold: `uid`/`gid` past
 * 2097151 (Go's archive/tar, hence dockerd, leaves the header's field 0 and writes the record)
 * and `mtime` with a fraction. A malformed record is refused, as Go's reader does.
 */
export function paxOverrides(pax: Record<string, string> | null | undefined): {
  uid?: number;
  gid?: number;
  mtime?: Date;
} {
  if (!pax) return {};
  const id = (key: 'uid' | 'gid') => {
    const v = pax[key];
    if (v === undefined) return undefined;
    if (!/^[0-9]{1,10}$/.test(v) || Number(v) > 0xffffffff)
      throw invalidArgument(`PAX record ${key}=${JSON.stringify(v)} is not a 32-bit id`);
    return Number(v);
  };
  const out: { uid?: number; gid?: number; mtime?: Date } = {};
  const uid = id('uid');
  const gid = id('gid');
  if (uid !== undefined) out.uid = uid;
  if (gid !== undefined) out.gid = gid;
  if (pax.mtime !== undefined) {
    if (!/^-?[0-9]{1,12}(\.[0-9]*)?$/.test(pax.mtime))
      throw invalidArgument(`PAX record mtime=${JSON.stringify(pax.mtime)} is not a time`);
    out.mtime = new Date(Number(pax.mtime) * 1000);
  }
  return out;
}

export type Compression = 'gzip' | 'zstd' | 'none';

/** Detects compression from a blob's first bytes. */
export function detectCompression(head: Buffer): Compression {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 4 && head.readUInt32LE(0) === 0xfd2fb528) return 'zstd';
  return 'none';
}
