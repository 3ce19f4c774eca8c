import { copyFile, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildImage, layerFromDir } from './images.js';

const APPLETS = ['sh', 'echo', 'cat', 'sleep', 'true', 'httpd', 'stty', 'ps', 'mkdir'];

/** A busybox image (busybox-static + applet links) pushed to a test registry as `ref`. */
export async function pushBusybox(ref: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'berth-ctr-layer-'));
  try {
    await mkdir(join(dir, 'bin'));
    await copyFile('/usr/bin/busybox', join(dir, 'bin/busybox'));
    for (const a of APPLETS) await symlink('busybox', join(dir, 'bin', a));
    await buildImage([layerFromDir(dir)]).push(ref);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** `--format json` output: one object per line. */
export function jsonLines<T = Record<string, unknown>>(stdout: string): T[] {
  return stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);
}
