/**
 * A terminal preference from localStorage (`berth.terminal.*`: renderer, pacing), or null when
 * it is unset or storage is blocked (a locked-down browser): the defaults then.
 */
export function readPreference(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}
