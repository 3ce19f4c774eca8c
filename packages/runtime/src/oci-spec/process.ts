import { DEFAULT_PATH } from './defaults.js';
import { invalidArgument } from '../errors.js';

/**
 * Docker's entrypoint/cmd semantics: an explicit entrypoint override replaces the image's and
 * drops the image's cmd; an explicit cmd replaces the image's cmd; the result is entrypoint + cmd.
 */
export function resolveArgs(
  image: { entrypoint?: string[]; cmd?: string[] },
  override: { entrypoint?: string[]; cmd?: string[] },
): string[] {
  const entrypoint = override.entrypoint ?? image.entrypoint ?? [];
  const cleared = entrypoint.length === 1 && entrypoint[0] === '' ? [] : entrypoint;
  const cmd = override.cmd ?? (override.entrypoint !== undefined ? [] : (image.cmd ?? []));
  const args = [...cleared, ...cmd];
  if (args.length === 0) throw invalidArgument('no command specified');
  return args;
}

const keyOf = (entry: string) =>
  entry.slice(0, entry.indexOf('=') === -1 ? entry.length : entry.indexOf('='));

/**
 * A container's env as Docker's daemon merges it (runconfig's merge): the container's own
 * entries first, in their order, then the image's entries for keys the container does not set.
 */
export function containerEnv(image: readonly string[], own: readonly string[]): string[] {
  const set = new Set(own.map(keyOf));
  return [...own, ...image.filter((e) => !set.has(keyOf(e)))];
}

/** Merges env lists (later wins, order of first appearance kept) and adds PATH/HOSTNAME/HOME/TERM defaults. */
export function mergeEnv(
  layers: string[][],
  defaults: { hostname: string; home: string; tty: boolean },
): string[] {
  const map = new Map<string, string>();
  const base: string[] = [`PATH=${DEFAULT_PATH}`, `HOSTNAME=${defaults.hostname}`];
  if (defaults.tty) base.push('TERM=xterm');
  for (const entry of [...base, ...layers.flat()]) map.set(keyOf(entry), entry);
  if (!map.has('HOME')) map.set('HOME', `HOME=${defaults.home}`);
  return [...map.values()];
}
