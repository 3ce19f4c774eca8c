import { constants, createReadStream } from 'node:fs';
import { chmod, lchown, link, lstat, lutimes, mkdir, open, rm, symlink } from 'node:fs/promises';
import { posix } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type tar from 'tar-stream';
import { displayName } from '../unpack/names.js';
import { binaryNameExtract } from '../unpack/tar-pax.js';
import { failedPrecondition, invalidArgument, notFound } from '../errors.js';
import { entryComponents } from '../unpack/paths.js';
import { resolveInRoot } from './resolve-in-root.js';

export interface ExtractOptions {
  /** Keep the tar's owners (`docker cp -a`); otherwise everything belongs to 0:0. */
  copyOwnership: boolean;
  /** Refuse to replace a directory with a non-directory or the reverse. */
  noOverwriteDirNonDir: boolean;
}

const SUPPORTED = new Set(['file', 'directory', 'symlink', 'link']);

async function isGzip(file: string): Promise<boolean> {
  const fh = await open(file, 'r');
  try {
    const b = Buffer.alloc(2);
    await fh.read(b, 0, 2, 0);
    return b[0] === 0x1f && b[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

/** Runs `onEntry` for every entry of a (plain or gzip) tar file, in order. */
async function eachEntry(
  file: string,
  onEntry: (h: tar.Header, body: AsyncIterable<unknown>) => Promise<void>,
): Promise<void> {
  // names as bytes (ustar fields and PAX records alike, see unpack/names.ts), then as UTF-8 text
  const extract = binaryNameExtract();
  const source = createReadStream(file);
  const done = (async () => {
    for await (const e of extract) {
      const h = e.header;
      const linkname = h.linkname ? displayName(h.linkname) : h.linkname;
      await onEntry({ ...h, name: displayName(h.name), linkname }, e);
      e.resume();
    }
  })();
  await Promise.all([
    (await isGzip(file)) ? pipeline(source, createGunzip(), extract) : pipeline(source, extract),
    done,
  ]);
}

/**
 * First pass: every entry must be a supported type with a path that stays below the
 * destination, so a bad archive is refused before anything is written.
 */
export async function validateArchive(file: string): Promise<number> {
  let count = 0;
  await eachEntry(file, async (h) => {
    const type = h.type ?? 'file';
    if (!SUPPORTED.has(type))
      throw invalidArgument(`archive entry "${h.name}": ${type} entries are not supported`);
    entryComponents(h.name);
    if (type === 'link') entryComponents(h.linkname ?? '');
    count++;
  });
  return count;
}

/**
 * Extracts a tar file into the container directory `dest` under `root`. Every entry's parent is
 * resolved in scope (symlinks followed as the container would, never out of `root`); the entry
 * itself replaces whatever is there without following it (a symlink in the way is removed, not
 * written through). Hard link targets are resolved in scope too.
 */
export async function extractInto(
  root: string,
  dest: string,
  file: string,
  opts: ExtractOptions,
): Promise<void> {
  const target = await resolveInRoot(root, dest, { followFinal: true });
  if (!target.exists) throw notFound(`Could not find the file ${dest} in container`);
  if (!(await lstat(target.hostPath)).isDirectory())
    throw invalidArgument(`extraction point is not a directory: ${dest}`);
  await validateArchive(file);
  const base = target.containerPath;
  await eachEntry(file, async (h, body) => {
    const comps = entryComponents(h.name);
    if (comps.length === 0) return;
    const parent = await resolveInRoot(root, posix.join(base, ...comps.slice(0, -1)), {
      followFinal: true,
    });
    if (!parent.exists) await mkdir(parent.hostPath, { recursive: true, mode: 0o755 });
    else if (!(await lstat(parent.hostPath)).isDirectory())
      throw invalidArgument(`archive entry "${h.name}": parent is not a directory`);
    const path = posix.join(parent.hostPath, comps[comps.length - 1]!);
    const type = h.type ?? 'file';
    const existing = await lstat(path).catch(() => null);
    if (existing) {
      const dirToDir = existing.isDirectory() && type === 'directory';
      if (
        !dirToDir &&
        opts.noOverwriteDirNonDir &&
        (existing.isDirectory() || type === 'directory')
      )
        throw failedPrecondition(
          `cannot overwrite ${existing.isDirectory() ? 'directory' : 'non-directory'} "${h.name}" with ${type === 'directory' ? 'directory' : 'non-directory'}`,
        );
      if (!dirToDir) await rm(path, { recursive: true, force: true });
    }
    const mode = (h.mode ?? 0o644) & 0o7777;
    switch (type) {
      case 'directory':
        if (!existing?.isDirectory()) await mkdir(path, { mode });
        await chmod(path, mode);
        break;
      case 'file': {
        const fh = await open(
          path,
          constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
          mode,
        );
        await pipeline(body, fh.createWriteStream());
        await chmod(path, mode);
        break;
      }
      case 'symlink':
        await symlink(h.linkname ?? '', path);
        break;
      case 'link': {
        const src = await resolveInRoot(
          root,
          posix.join(base, ...entryComponents(h.linkname ?? '')),
          { followFinal: false },
        );
        if (!src.exists)
          throw invalidArgument(
            `archive entry "${h.name}": link target "${h.linkname}" does not exist`,
          );
        if ((await lstat(src.hostPath)).isDirectory())
          throw invalidArgument(`archive entry "${h.name}": cannot hard link a directory`);
        await link(src.hostPath, path);
        break;
      }
    }
    if (type !== 'link') {
      const [uid, gid] = opts.copyOwnership ? [h.uid ?? 0, h.gid ?? 0] : [0, 0];
      await lchown(path, uid, gid);
      if (type !== 'symlink' && (mode & 0o7000) !== 0) await chmod(path, mode);
      const mtime = h.mtime ?? new Date();
      await lutimes(path, mtime, mtime);
    }
  });
}
