import { RuntimeError, invalidArgument } from '../errors.js';

/** A mount as data (containerd's mount.Mount); `mount/` turns it into a syscall. */
export interface Mount {
  readonly type: string;
  readonly source: string;
  readonly options: readonly string[];
}

export interface WritableLayer {
  readonly upperdir: string;
  readonly workdir: string;
}

/** Overlay's options must fit in one page. */
export const MAX_MOUNT_DATA = 4095;

function checkPath(p: string): void {
  if (/[:,\n]/.test(p))
    throw invalidArgument(
      `snapshot path "${p}" contains a character overlay cannot take (":" "," or newline)`,
    );
}

/**
 * The mounts for a stack of layer directories (`lowerdirs` top-first). With a writable layer:
 * one overlay. Read-only: a bind for a single layer, an overlay of lowers for several.
 */
export function overlayMounts(lowerdirs: readonly string[], rw?: WritableLayer): Mount[] {
  lowerdirs.forEach(checkPath);
  if (rw) [rw.upperdir, rw.workdir].forEach(checkPath);
  if (lowerdirs.length === 0) {
    if (!rw) throw invalidArgument('a read-only view needs at least one layer');
    return [{ type: 'bind', source: rw.upperdir, options: ['rbind', 'rw'] }];
  }
  if (!rw && lowerdirs.length === 1)
    return [{ type: 'bind', source: lowerdirs[0]!, options: ['rbind', 'ro'] }];
  const options = [`lowerdir=${lowerdirs.join(':')}`];
  if (rw) options.push(`upperdir=${rw.upperdir}`, `workdir=${rw.workdir}`);
  else options.push('ro');
  const data = options.join(',');
  if (data.length > MAX_MOUNT_DATA) {
    throw new RuntimeError(
      'RESOURCE_EXHAUSTED',
      `overlay mount options are ${data.length} bytes, over the ${MAX_MOUNT_DATA} byte limit (${lowerdirs.length} layers)`,
    );
  }
  return [{ type: 'overlay', source: 'overlay', options }];
}

export { chainIds } from './chain.js';
