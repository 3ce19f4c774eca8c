import { rename, rm, symlink } from 'node:fs/promises';
import { paths, type InstallLayout } from './layout.js';

/** Points `<prefix>/current` at `releases/<release>` atomically (a new link renamed over it). */
export async function swapCurrent(
  l: Pick<InstallLayout, 'prefix'>,
  release: string,
): Promise<void> {
  const { current } = paths(l);
  const next = `${current}.next`;
  await rm(next, { force: true });
  await symlink(`releases/${release}`, next);
  await rename(next, current);
}
