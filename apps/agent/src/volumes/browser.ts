import { constants, type Dirent } from 'node:fs';
import { lstat, open, readdir, readlink, realpath, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { isPathWithin, normalizeAbsolutePath, VOLUME_LIST_MAX_ENTRIES } from '@berth/protocol';
import type { VolumeEntry } from '@berth/protocol';
import { AgentError } from '../errors.js';
import { isoTime } from '@berth/log';

/**
 * A read-only view of a volume's files for the web. Containers write into volumes as root, so a
 * volume may hold symlinks to anywhere (`/etc`, `../../..`) and may change while it is read:
 * every path is opened first — the last component never followed (O_NOFOLLOW) — and the file the
 * kernel actually opened (`/proc/self/fd/N`) must lie inside the volume's data directory, else the
 * request is refused. What is checked is what is read: no window between check and use.
 */

/** Pure: a path inside a volume → its normalized form (`..` stops at the volume's top). */
export function volumeRelative(path: string): string {
  return normalizeAbsolutePath(path);
}

async function openInside(
  root: string,
  path: string,
  directory: boolean,
): Promise<{ fh: FileHandle; real: string; rel: string }> {
  const top = await realpath(root);
  const rel = volumeRelative(path);
  const flags =
    constants.O_RDONLY |
    constants.O_NOFOLLOW |
    constants.O_NONBLOCK |
    (directory ? constants.O_DIRECTORY : 0);
  const full = rel === '/' ? top : join(top, rel);
  let fh: FileHandle;
  try {
    fh = await open(full, flags);
  } catch (err) {
    // O_NOFOLLOW|O_DIRECTORY on a link answers ENOTDIR: say what it really is
    const link = await lstat(full).then(
      (st) => st.isSymbolicLink(),
      () => false,
    );
    throw fsError(link ? Object.assign(new Error('link'), { code: 'ELOOP' }) : err, rel);
  }
  try {
    const real = await readlink(`/proc/self/fd/${fh.fd}`);
    if (!isPathWithin(real, top))
      throw new AgentError('PERMISSION_DENIED', `${rel}: leads outside the volume`);
    return { fh, real, rel };
  } catch (err) {
    await fh.close();
    throw err;
  }
}

function fsError(err: unknown, rel: string): unknown {
  switch ((err as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return new AgentError('NOT_FOUND', `${rel}: no such file or directory in the volume`);
    case 'ENOTDIR':
      return new AgentError('INVALID_ARGUMENT', `${rel}: not a directory`);
    case 'ELOOP':
      return new AgentError(
        'PERMISSION_DENIED',
        `${rel}: a symbolic link (links are not followed)`,
      );
    case 'EISDIR':
      return new AgentError('INVALID_ARGUMENT', `${rel}: is a directory`);
    default:
      return err;
  }
}

const typeOf = (d: Dirent): VolumeEntry['type'] =>
  d.isDirectory() ? 'directory' : d.isFile() ? 'file' : d.isSymbolicLink() ? 'symlink' : 'other';

/** One directory of the volume: entries with type, size, mode and time; links shown, not followed. */
export async function browseVolume(
  root: string,
  path: string,
): Promise<{ path: string; entries: VolumeEntry[]; truncated: boolean }> {
  const { fh, rel } = await openInside(root, path, true);
  try {
    const dir = `/proc/self/fd/${fh.fd}`;
    const names = await readdir(dir, { withFileTypes: true });
    names.sort(
      (a, b) =>
        Number(b.isDirectory()) - Number(a.isDirectory()) ||
        (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    );
    const entries: VolumeEntry[] = [];
    for (const d of names.slice(0, VOLUME_LIST_MAX_ENTRIES)) {
      const st = await lstat(join(dir, d.name)).catch(() => null);
      if (!st) continue; // removed meanwhile
      const entry: VolumeEntry = {
        name: d.name,
        type: typeOf(d),
        size: st.size,
        mode: (st.mode & 0o7777).toString(8),
        modifiedAt: isoTime(st.mtime.getTime()),
      };
      if (d.isSymbolicLink()) entry.target = await readlink(join(dir, d.name)).catch(() => '');
      entries.push(entry);
    }
    return { path: rel, entries, truncated: names.length > VOLUME_LIST_MAX_ENTRIES };
  } finally {
    await fh.close();
  }
}

/** A chunk of a regular file of the volume. */
export async function readVolumeFile(
  root: string,
  path: string,
  offset: number,
  length: number,
): Promise<{ size: number; data: string; eof: boolean }> {
  const { fh, rel } = await openInside(root, path, false);
  try {
    const st = await fh.stat();
    if (st.isDirectory()) throw new AgentError('INVALID_ARGUMENT', `${rel}: is a directory`);
    if (!st.isFile()) throw new AgentError('INVALID_ARGUMENT', `${rel}: not a regular file`);
    const buf = Buffer.alloc(Math.max(0, Math.min(length, st.size - offset)));
    const { bytesRead } =
      buf.length > 0 ? await fh.read(buf, 0, buf.length, offset) : { bytesRead: 0 };
    return {
      size: st.size,
      data: buf.subarray(0, bytesRead).toString('base64'),
      eof: offset + bytesRead >= st.size,
    };
  } finally {
    await fh.close();
  }
}
