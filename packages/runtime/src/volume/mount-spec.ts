import { posix } from 'node:path';
import { invalidArgument } from '../errors.js';
import type { OciMount } from '../oci-spec/types.js';

export const VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

export type MountSpec =
  | { kind: 'bind'; source: string; target: string; readOnly: boolean }
  | { kind: 'volume'; name: string; target: string; readOnly: boolean };

const isAbs = (p: string) => p.startsWith('/') && !p.split('/').includes('..');

/** Pure: docker's `-v src:dst[:ro|rw]`; an absolute src is a bind, a name is a named volume. */
export function parseMountSpec(spec: string): MountSpec {
  const parts = spec.split(':');
  if (parts.length < 2 || parts.length > 3)
    throw invalidArgument(`invalid volume spec "${spec}": want src:dst[:ro|rw]`);
  const [src = '', target = '', mode = 'rw'] = parts;
  if (mode !== 'ro' && mode !== 'rw')
    throw invalidArgument(`invalid volume mode "${mode}" in "${spec}"`);
  if (!isAbs(target))
    throw invalidArgument(`invalid volume spec "${spec}": destination must be an absolute path`);
  if (posix.normalize(target) === '/')
    throw invalidArgument(`invalid volume spec "${spec}": destination cannot be /`);
  const readOnly = mode === 'ro';
  if (src.startsWith('/')) {
    if (!isAbs(src))
      throw invalidArgument(`invalid volume spec "${spec}": source must not contain ".."`);
    return {
      kind: 'bind',
      source: posix.normalize(src),
      target: posix.normalize(target),
      readOnly,
    };
  }
  if (!VOLUME_NAME.test(src))
    throw invalidArgument(`invalid volume name "${src}": must match ${VOLUME_NAME.source}`);
  return { kind: 'volume', name: src, target: posix.normalize(target), readOnly };
}

/** Pure: a host directory bound into the container. */
export function bindMount(source: string, target: string, readOnly: boolean): OciMount {
  return {
    destination: target,
    type: 'bind',
    source,
    options: ['rbind', readOnly ? 'ro' : 'rw', 'rprivate'],
  };
}
