import { open, type FileHandle } from 'node:fs/promises';

const CHUNK = 1024 * 1024;
/** How long to wait for more bytes before reading again (the writer gives no event). */
const POLL_MS = 5;

/**
 * Reads a file that another task is still writing (a blob being downloaded), from the start,
 * until `done` settles: when it fulfills, the file is complete and is read to its end; when it
 * rejects, the read fails with its reason. `fh` is opened before the writer finishes, so a rename
 * of the file (the content store's commit) does not disturb it. Closes `fh`.
 *
 * Every chunk is a view of one buffer, read into again when the next chunk is asked for: the
 * consumer must be done with a chunk (or copy it) before it calls `next()` again. A fresh buffer
 * per read was the pull's largest source of garbage: V8 counts each one's bytes as external
 * memory, and that count started most of the agent's full collections during a pull.
 */
export async function* followFile(fh: FileHandle, done: Promise<unknown>): AsyncGenerator<Buffer> {
  let outcome: { ok: true } | { ok: false; reason: unknown } | undefined;
  const settled = done.then(
    () => void (outcome = { ok: true }),
    (reason: unknown) => void (outcome = { ok: false, reason }),
  );
  let pos = 0;
  const buf = Buffer.allocUnsafe(CHUNK);
  try {
    for (;;) {
      const finished = outcome; // taken before the read: a read after it sees every byte
      const { bytesRead } = await fh.read(buf, 0, CHUNK, pos);
      if (bytesRead > 0) {
        pos += bytesRead;
        yield buf.subarray(0, bytesRead);
        continue;
      }
      if (finished?.ok === true) return;
      if (finished?.ok === false) throw finished.reason;
      await Promise.race([settled, new Promise((r) => setTimeout(r, POLL_MS))]);
    }
  } finally {
    await fh.close();
  }
}

/** A whole file's bytes as `followFile` gives them (one buffer, read into again). Closes `fh`. */
export function readChunks(fh: FileHandle): AsyncGenerator<Buffer> {
  return followFile(fh, Promise.resolve());
}

/** Opens `path` for reading, or undefined when it is gone (already committed elsewhere). */
export async function openIfPresent(path: string): Promise<FileHandle | undefined> {
  try {
    return await open(path, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
