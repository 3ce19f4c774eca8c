/**
 * `a.localeCompare(b)` for the strings the engine sorts — names (`[A-Za-z0-9_.-]`), ids and ISO
 * 8601 times — without ICU: the first `localeCompare` of a process builds ICU's collator, which
 * pages in ≈ 3 MB of ICU's data and code (resident for the process's life). Same result as
 * `localeCompare` with the root/English collation: letters by alphabet before case (`a` < `B` <
 * `b`), punctuation before digits before letters (`_` < `-` < `:` < `.`), then lowercase before
 * uppercase at the first case difference. Any other character falls back to `localeCompare`.
 */
export function compareText(a: string, b: string): number {
  if (!collatable(a) || !collatable(b)) return Math.sign(a.localeCompare(b));
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = PRIMARY[a.charCodeAt(i)]! - PRIMARY[b.charCodeAt(i)]!;
    if (d !== 0) return Math.sign(d);
  }
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  for (let i = 0; i < n; i++) {
    const d = CASE[a.charCodeAt(i)]! - CASE[b.charCodeAt(i)]!;
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/** The characters handled here, in the root collation's primary order (case aside). */
const ORDER = '_-:.0123456789abcdefghijklmnopqrstuvwxyz';
/** Primary weight by char code (0: not handled); case: 1 for uppercase letters. */
const PRIMARY = new Uint8Array(128);
const CASE = new Uint8Array(128);
for (let i = 0; i < ORDER.length; i++) {
  const c = ORDER.charCodeAt(i);
  PRIMARY[c] = i + 1;
  const upper = ORDER[i]!.toUpperCase().charCodeAt(0);
  if (upper !== c) {
    PRIMARY[upper] = i + 1;
    CASE[upper] = 1;
  }
}

function collatable(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || PRIMARY[c] === 0) return false;
  }
  return true;
}
