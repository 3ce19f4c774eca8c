import { containerEnv, type ContainerRecord } from '@berth/runtime';
import type { DockerExtras } from './create.js';

/** Typed reads of a record's options (kept as given at create; unknown keys survive). */
export function optionsOf(rec: Pick<ContainerRecord, 'options'>) {
  const o = rec.options;
  const num = (k: string): number | null => (typeof o[k] === 'number' ? (o[k] as number) : null);
  const str = (k: string): string | null => (typeof o[k] === 'string' ? (o[k] as string) : null);
  const bool = (k: string): boolean => o[k] === true;
  const strs = (k: string): string[] | null =>
    Array.isArray(o[k]) && (o[k] as unknown[]).every((x) => typeof x === 'string')
      ? (o[k] as string[])
      : null;
  const rec2 = (k: string): Record<string, string> =>
    o[k] && typeof o[k] === 'object' && !Array.isArray(o[k])
      ? (o[k] as Record<string, string>)
      : {};
  const docker: DockerExtras =
    o.docker && typeof o.docker === 'object' ? (o.docker as DockerExtras) : {};
  return { num, str, bool, strs, rec: rec2, docker };
}

export type Options = ReturnType<typeof optionsOf>;

/** Pure: `Config.Env` as Docker shows it — the container's entries, then the image's it does not set. */
export function mergeEnv(image: readonly string[], own: readonly string[]): string[] {
  return containerEnv(image, own);
}
