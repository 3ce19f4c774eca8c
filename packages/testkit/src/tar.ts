import tar from 'tar-stream';

export interface TarEntry {
  name: string;
  type?: 'file' | 'directory' | 'symlink' | 'link' | 'character-device' | 'block-device' | 'fifo';
  data?: Buffer | string;
  mode?: number;
  uid?: number;
  gid?: number;
  mtime?: Date;
  linkname?: string;
  devmajor?: number;
  devminor?: number;
  /** PAX records; xattr values are latin1 binary strings (`buf.toString('latin1')`). */
  pax?: Record<string, string>;
}

const XATTR = 'SCHILY.xattr.';

/** One PAX record, `<len> key=value\n`, where len counts the whole record (its own digits too). */
function paxRecord(key: string, value: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(` ${key}=`, 'utf8'), value, Buffer.from('\n')]);
  let digits = String(body.length).length;
  if (String(body.length + digits).length > digits) digits++;
  return Buffer.concat([Buffer.from(String(body.length + digits)), body]);
}

/**
 * A PAX extended header's body: `SCHILY.xattr.*` values written as raw bytes (Go's archive/tar
 * writes binary xattrs such as `security.capability` that way; tar-stream would write UTF-8).
 */
export function encodePax(pax: Record<string, string>): Buffer {
  return Buffer.concat(
    Object.entries(pax).map(([k, v]) =>
      paxRecord(k, Buffer.from(v, k.startsWith(XATTR) ? 'latin1' : 'utf8')),
    ),
  );
}

/** Name of the placeholder entry that becomes a PAX header (see `markPaxHeaders`). */
const PAX_PLACEHOLDER = '././@BerthPaxHeader';

/** Writes a tar like `tar --owner=0 --group=0 --numeric-owner --mtime=@0` would. */
export async function buildTar(entries: readonly TarEntry[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const c of pack) chunks.push(Buffer.from(c as Uint8Array));
  })();
  const add = (header: tar.Header | (Partial<tar.Header> & { name: string }), data?: Buffer) =>
    new Promise<void>((resolve, reject) => {
      const cb = (err?: Error | null) => (err ? reject(err) : resolve());
      if (data) pack.entry(header, data, cb);
      else pack.entry(header, cb);
    });
  for (const e of entries) {
    const type = e.type ?? 'file';
    // tar-stream would write PAX values as UTF-8: write the header's body as a placeholder file
    if (e.pax) await add({ name: PAX_PLACEHOLDER, mtime: new Date(0) }, encodePax(e.pax));
    const data = type === 'file' ? Buffer.from(e.data ?? '') : undefined;
    const header = {
      name: e.name,
      type,
      mode: e.mode ?? (type === 'directory' ? 0o755 : 0o644),
      uid: e.uid ?? 0,
      gid: e.gid ?? 0,
      mtime: e.mtime ?? new Date(0),
      linkname: e.linkname,
      devmajor: e.devmajor,
      devminor: e.devminor,
      size: data?.length ?? 0,
    };
    await add(header, data);
  }
  pack.finalize();
  await done;
  return markPaxHeaders(Buffer.concat(chunks));
}

/** Turns every placeholder entry into a PAX extended header (typeflag `x`), walking the archive. */
function markPaxHeaders(archive: Buffer): Buffer {
  for (let at = 0; at + 512 <= archive.length;) {
    const h = archive.subarray(at, at + 512);
    if (h.every((b) => b === 0)) break;
    const size = Number.parseInt(h.subarray(124, 136).toString('latin1').replace(/\0.*$/, ''), 8);
    if (h.subarray(0, 100).toString('latin1').replace(/\0.*$/, '') === PAX_PLACEHOLDER) {
      h.write('x', 156, 'latin1');
      setChecksum(h);
    }
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return archive;
}

function setChecksum(h: Buffer): void {
  h.write('        ', 148, 'latin1');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
}

/** A raw ustar header (for crafting entries tar-stream would refuse to write, e.g. lying sizes). */
export function rawHeader(
  name: string,
  opts: { size?: number; type?: string; linkname?: string; mode?: number } = {},
): Buffer {
  const h = Buffer.alloc(512);
  const put = (s: string, off: number, len: number) =>
    h.write(s, off, Math.min(len, Buffer.byteLength(s)), 'utf8');
  const oct = (n: number, len: number) => n.toString(8).padStart(len - 1, '0');
  put(name, 0, 100);
  put(oct(opts.mode ?? 0o644, 8), 100, 8);
  put(oct(0, 8), 108, 8);
  put(oct(0, 8), 116, 8);
  put(oct(opts.size ?? 0, 12), 124, 12);
  put(oct(0, 12), 136, 12);
  put('        ', 148, 8);
  put(opts.type ?? '0', 156, 1);
  put(opts.linkname ?? '', 157, 100);
  put('ustar\0', 257, 6);
  put('00', 263, 2);
  setChecksum(h);
  return h;
}
