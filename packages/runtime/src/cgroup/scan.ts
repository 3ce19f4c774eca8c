/**
 * Pure byte scanners for cgroupfs/procfs text (ASCII), working on a (buffer, length) pair so a
 * sampler can re-read the same fd into one reused buffer without building strings, arrays or
 * maps per read. Unknown or malformed → NaN/null, never a made-up 0.
 */

const NL = 10;
const SPACE = 32;
const TAB = 9;
const COLON = 58;
const EQUALS = 61;
const ZERO = 48;
const NINE = 57;

/** Above this a v1 limit means "unlimited" (PAGE_COUNTER_MAX rounded to pages). */
const V1_UNLIMITED = 2 ** 62;

const isSpace = (c: number | undefined) => c === SPACE || c === TAB || c === NL || c === 13;

/** A decimal unsigned integer spanning [start, end); NaN when empty or not all digits. */
export function uintAt(buf: Uint8Array, start: number, end: number): number {
  if (start >= end) return NaN;
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = buf[i]!;
    if (c < ZERO || c > NINE) return NaN;
    n = n * 10 + (c - ZERO);
  }
  return n;
}

/** NaN → null (the normalized stats' "unknown"). */
export const orNull = (n: number): number | null => (Number.isNaN(n) ? null : n);

function trimmed(buf: Uint8Array, len: number): [number, number] {
  let s = 0;
  let e = len;
  while (s < e && isSpace(buf[s])) s++;
  while (e > s && isSpace(buf[e - 1])) e--;
  return [s, e];
}

function equalsAscii(buf: Uint8Array, start: number, end: number, word: Uint8Array): boolean {
  if (end - start !== word.length) return false;
  for (let i = 0; i < word.length; i++) if (buf[start + i] !== word[i]) return false;
  return true;
}

const MAX = Buffer.from('max');
const MINUS_ONE = Buffer.from('-1');

/** A file holding one unsigned number (`memory.current`, `pids.current`…); null when len < 0. */
export function scanUint(buf: Uint8Array, len: number): number | null {
  if (len < 0) return null;
  const [s, e] = trimmed(buf, len);
  return orNull(uintAt(buf, s, e));
}

/** A limit file: `max` (v2), `-1` or a huge number (v1) → null (unlimited). */
export function scanLimit(buf: Uint8Array, len: number): number | null {
  if (len < 0) return null;
  const [s, e] = trimmed(buf, len);
  if (equalsAscii(buf, s, e, MAX) || equalsAscii(buf, s, e, MINUS_ONE)) return null;
  const n = uintAt(buf, s, e);
  return Number.isNaN(n) || n >= V1_UNLIMITED ? null : n;
}

/** v1 `cpu.cfs_quota_us`: a positive quota, else null (`-1` = unlimited). */
export function scanQuota(buf: Uint8Array, len: number): number | null {
  const n = scanLimit(buf, len);
  return n === null || n <= 0 ? null : n;
}

/** The keys a scan looks for, encoded once; `out[i]` receives the value of `keys[i]`. */
export class KeyTable {
  readonly keys: readonly Uint8Array[];
  /** Scratch for one scan's results (the caller reads it before the next scan). */
  readonly out: Float64Array;

  constructor(readonly names: readonly string[]) {
    this.keys = names.map((k) => Buffer.from(k, 'latin1'));
    this.out = new Float64Array(names.length);
  }

  indexOf(buf: Uint8Array, start: number, end: number): number {
    for (let i = 0; i < this.keys.length; i++)
      if (equalsAscii(buf, start, end, this.keys[i]!)) return i;
    return -1;
  }
}

/** End of the token starting at `i` (first whitespace or `stop`, within `end`). */
function tokenEnd(buf: Uint8Array, i: number, end: number, stop = -1): number {
  while (i < end && !isSpace(buf[i]) && buf[i] !== stop) i++;
  return i;
}

function skipBlanks(buf: Uint8Array, i: number, end: number): number {
  while (i < end && (buf[i] === SPACE || buf[i] === TAB)) i++;
  return i;
}

function lineEnd(buf: Uint8Array, i: number, len: number): number {
  while (i < len && buf[i] !== NL) i++;
  return i;
}

/**
 * `key value` per line (memory.stat, cpu.stat, memory.events, oom_control, cpuacct.stat): fills
 * `table.out` with each wanted key's value (NaN when absent, malformed, or the line has a third
 * field). Returns `table.out`, or null when the file could not be read (len < 0).
 */
export function scanKeyValues(buf: Uint8Array, len: number, table: KeyTable): Float64Array | null {
  const out = table.out;
  out.fill(NaN);
  if (len < 0) return null;
  for (let i = 0; i < len;) {
    const eol = lineEnd(buf, i, len);
    const ks = skipBlanks(buf, i, eol);
    const ke = tokenEnd(buf, ks, eol);
    const k = table.indexOf(buf, ks, ke);
    if (k >= 0) {
      const vs = skipBlanks(buf, ke, eol);
      const ve = tokenEnd(buf, vs, eol);
      if (skipBlanks(buf, ve, eol) === eol) out[k] = uintAt(buf, vs, ve);
    }
    i = eol + 1;
  }
  return out;
}

/**
 * v2 `io.stat`: `MAJ:MIN rbytes=1 wbytes=2 …` per device; sums each wanted key over devices
 * (0 when no device lists it). Null when the file could not be read.
 */
export function scanNestedKeyValues(
  buf: Uint8Array,
  len: number,
  table: KeyTable,
): Float64Array | null {
  const out = table.out;
  out.fill(0);
  if (len < 0) return null;
  for (let i = 0; i < len;) {
    const eol = lineEnd(buf, i, len);
    let p = tokenEnd(buf, skipBlanks(buf, i, eol), eol); // the device
    while (p < eol) {
      const ks = skipBlanks(buf, p, eol);
      const ke = tokenEnd(buf, ks, eol, EQUALS);
      p = tokenEnd(buf, ke, eol);
      if (buf[ke] !== EQUALS) continue;
      const k = table.indexOf(buf, ks, ke);
      const v = uintAt(buf, ke + 1, p);
      if (k >= 0 && !Number.isNaN(v)) out[k]! += v;
    }
    i = eol + 1;
  }
  return out;
}

const isDevice = (buf: Uint8Array, s: number, e: number): boolean => {
  let colon = -1;
  for (let i = s; i < e; i++) {
    if (buf[i] === COLON && colon < 0) colon = i;
    else if (buf[i]! < ZERO || buf[i]! > NINE) return false;
  }
  return colon > s && colon < e - 1;
};

const READ = Buffer.from('Read');
const WRITE = Buffer.from('Write');

/**
 * v1 `blkio.throttle.io_service_bytes(_recursive)` / `io_serviced`: `MAJ:MIN Read 123` lines
 * summed into `out` = [read, write] (the Total lines are ignored). False when unreadable.
 */
export function scanBlkio(buf: Uint8Array, len: number, out: Float64Array): boolean {
  out[0] = 0;
  out[1] = 0;
  if (len < 0) return false;
  for (let i = 0; i < len;) {
    const eol = lineEnd(buf, i, len);
    const ds = skipBlanks(buf, i, eol);
    const de = tokenEnd(buf, ds, eol);
    const os = skipBlanks(buf, de, eol);
    const oe = tokenEnd(buf, os, eol);
    const vs = skipBlanks(buf, oe, eol);
    const v = uintAt(buf, vs, tokenEnd(buf, vs, eol));
    if (isDevice(buf, ds, de) && !Number.isNaN(v)) {
      if (equalsAscii(buf, os, oe, READ)) out[0] += v;
      else if (equalsAscii(buf, os, oe, WRITE)) out[1] += v;
    }
    i = eol + 1;
  }
  return true;
}

const LO = Buffer.from('lo');
const netCols = new Float64Array(11);

/**
 * /proc/<pid>/net/dev summed over interfaces except `lo` into `out` = [rxBytes, rxPackets,
 * rxErrors, txBytes, txPackets, txErrors]. Returns how many interfaces were counted (0 = none).
 * Columns: rx bytes packets errs drop fifo frame compressed multicast | tx bytes packets errs …
 */
export function scanNetDev(buf: Uint8Array, len: number, out: Float64Array): number {
  out.fill(0);
  let counted = 0;
  let line = 0;
  for (let i = 0; i < len; line++) {
    const eol = lineEnd(buf, i, len);
    const ns = skipBlanks(buf, i, eol);
    const ne = tokenEnd(buf, ns, eol, COLON);
    if (line >= 2 && buf[ne] === COLON && !equalsAscii(buf, ns, ne, LO)) {
      let p = ne + 1;
      let n = 0;
      while (n < 11) {
        const s = skipBlanks(buf, p, eol);
        p = tokenEnd(buf, s, eol);
        const v = uintAt(buf, s, p);
        if (Number.isNaN(v)) break;
        netCols[n++] = v;
      }
      if (n === 11) {
        out[0] = out[0]! + netCols[0]!;
        out[1] = out[1]! + netCols[1]!;
        out[2] = out[2]! + netCols[2]!;
        out[3] = out[3]! + netCols[8]!;
        out[4] = out[4]! + netCols[9]!;
        out[5] = out[5]! + netCols[10]!;
        counted++;
      }
    }
    i = eol + 1;
  }
  return counted;
}
