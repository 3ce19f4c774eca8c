import type { ContainerSummary } from '@berth/protocol';
import { containerStates } from '@berth/protocol';
import { AgentError } from '../errors.js';

/** `berth ps --filter` keys, as Docker names them. */
const keys = ['name', 'label', 'status', 'ancestor', 'id'] as const;
type Key = (typeof keys)[number];

/** Values per key: the same key given twice matches either (OR), different keys all (AND). */
export type PsFilter = Partial<Record<Key, string[]>>;

/** Pure: `--filter k=v` flags → the filter; a bad one is INVALID_ARGUMENT naming it. */
export function parsePsFilters(flags: readonly string[]): PsFilter {
  const out: PsFilter = {};
  for (const flag of flags) {
    const at = flag.indexOf('=');
    const key = flag.slice(0, at).trim();
    const value = flag.slice(at + 1);
    if (at <= 0 || !(keys as readonly string[]).includes(key) || value === '') {
      throw new AgentError(
        'INVALID_ARGUMENT',
        `--filter: unsupported filter "${flag.slice(0, 100)}" (supported: ${keys.map((k) => `${k}=…`).join(', ')})`,
      );
    }
    if (key === 'status' && !(containerStates as readonly string[]).includes(value)) {
      throw new AgentError(
        'INVALID_ARGUMENT',
        `--filter: status must be one of ${containerStates.join(', ')} (got "${value.slice(0, 40)}")`,
      );
    }
    (out[key as Key] ??= []).push(value);
  }
  return out;
}

/** Whether a status filter was given: then stopped containers are listed too (as Docker does). */
export function filtersStatus(f: PsFilter): boolean {
  return (f.status?.length ?? 0) > 0;
}

function labelMatches(labels: Readonly<Record<string, string>>, want: string): boolean {
  const eq = want.indexOf('=');
  if (eq < 0) return Object.hasOwn(labels, want);
  return labels[want.slice(0, eq)] === want.slice(eq + 1);
}

/** `busybox` matches `busybox`, `busybox:latest`, `reg/x/busybox:1` by its name part. */
function ancestorMatches(c: Pick<ContainerSummary, 'image' | 'imageId'>, want: string): boolean {
  if (c.image === want) return true;
  const hex = want.replace(/^sha256:/, '');
  if (/^[0-9a-f]{4,64}$/.test(hex) && c.imageId.replace(/^sha256:/, '').startsWith(hex))
    return true;
  const untagged = (ref: string) => ref.replace(/[:@][^/:@]*$/, '');
  const hasTag = /:[^/]*$/.test(want);
  return hasTag
    ? c.image === want || c.image.endsWith(`/${want}`)
    : untagged(c.image) === want || untagged(c.image).endsWith(`/${want}`);
}

/** Pure: whether one container passes every filter key (any of each key's values). */
export function matchesPs(
  c: Pick<ContainerSummary, 'id' | 'name' | 'state' | 'image' | 'imageId' | 'labels'>,
  f: PsFilter,
): boolean {
  const any = (key: Key, test: (v: string) => boolean) => !f[key] || f[key].some(test);
  return (
    any('name', (v) => c.name.includes(v)) &&
    any('id', (v) => c.id.startsWith(v)) &&
    any('status', (v) => c.state === v) &&
    any('label', (v) => labelMatches(c.labels, v)) &&
    any('ancestor', (v) => ancestorMatches(c, v))
  );
}
