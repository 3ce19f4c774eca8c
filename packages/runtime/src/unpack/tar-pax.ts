import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import tar from 'tar-stream';

/**
 * tar-stream decodes and encodes every PAX record value as UTF-8, which corrupts binary xattr
 * values such as `security.capability` (Go's archive/tar writes them as raw bytes). This patches
 * tar-stream's header codec, once, so `SCHILY.xattr.*` values travel as latin1 "binary strings"
 * (one char per byte: `Buffer.from(v, 'latin1')` gives the exact bytes), and so do `path` and
 * `linkpath` (file names are bytes; read them with `filenameEncoding: 'latin1'` so the header's
 * own name fields agree). Other records stay UTF-8.
 */
interface HeaderCodec {
  decodePax(buf: Buffer): Record<string, string>;
  encodePax(opts: { name?: string; linkname?: string; pax?: Record<string, string> }): Buffer;
  __berthPatched?: boolean;
}

const XATTR = 'SCHILY.xattr.';
/** Records that are file names: bytes, like the header's own name fields (see unpack/names.ts). */
const BINARY_KEYS = new Set(['path', 'linkpath']);

export function decodePax(buf: Buffer): Record<string, string> {
  const result: Record<string, string> = {};
  let rest = buf;
  while (rest.length > 0) {
    const space = rest.indexOf(0x20);
    if (space <= 0) break;
    const len = Number.parseInt(rest.subarray(0, space).toString('ascii'), 10);
    if (!Number.isSafeInteger(len) || len <= space + 1 || len > rest.length) break;
    const record = rest.subarray(space + 1, len - 1); // without trailing '\n'
    const eq = record.indexOf(0x3d);
    if (eq < 0) break;
    const key = record.subarray(0, eq).toString('utf8');
    const value = record.subarray(eq + 1);
    result[key] = value.toString(BINARY_KEYS.has(key) || key.startsWith(XATTR) ? 'latin1' : 'utf8');
    rest = rest.subarray(len);
  }
  return result;
}

function record(key: string, value: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(` ${key}=`, 'utf8'), value, Buffer.from('\n')]);
  let digits = String(body.length).length;
  if (String(body.length + digits).length > digits) digits++;
  return Buffer.concat([Buffer.from(String(body.length + digits)), body]);
}

export function encodePax(opts: {
  name?: string;
  linkname?: string;
  pax?: Record<string, string>;
}): Buffer {
  const parts: Buffer[] = [];
  if (opts.name) parts.push(record('path', Buffer.from(opts.name, 'utf8')));
  if (opts.linkname) parts.push(record('linkpath', Buffer.from(opts.linkname, 'utf8')));
  for (const [k, v] of Object.entries(opts.pax ?? {})) {
    parts.push(record(k, Buffer.from(v, k.startsWith(XATTR) ? 'latin1' : 'utf8')));
  }
  return Buffer.concat(parts);
}

export function patchTarStreamPax(): void {
  const require = createRequire(import.meta.url);
  const codec = require(join(dirname(require.resolve('tar-stream')), 'headers.js')) as HeaderCodec;
  if (codec.__berthPatched) return;
  codec.decodePax = decodePax;
  codec.encodePax = encodePax;
  codec.__berthPatched = true;
}

/**
 * A tar-stream extractor that reads file names as bytes (latin1 binary strings; tar-stream's
 * `filenameEncoding`, which its type definitions do not list), matching the patched PAX codec.
 */
export function binaryNameExtract(): tar.Extract {
  patchTarStreamPax();
  const opts = { filenameEncoding: 'latin1' } as Parameters<typeof tar.extract>[0];
  return tar.extract(opts);
}
