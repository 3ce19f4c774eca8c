import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildImage,
  fileLayer,
  layerFromDir,
  startRegistry,
  type Layer,
  type TestRegistry,
} from '../../apps/agent/test/helpers/images.js';

export type { TestRegistry };
export { startRegistry };

/** busybox-static with every applet linked (sh, stty, httpd, top…): the base layer of e2e images. */
async function fullBusyboxLayer(): Promise<Layer> {
  const dir = await mkdtemp(join(tmpdir(), 'berth-e2e-layer-'));
  try {
    await mkdir(join(dir, 'bin'));
    await mkdir(join(dir, 'etc'));
    await mkdir(join(dir, 'tmp'));
    await copyFile('/usr/bin/busybox', join(dir, 'bin/busybox'));
    const applets = execFileSync('/usr/bin/busybox', ['--list'], { encoding: 'utf8' })
      .split('\n')
      .filter((a) => /^[a-z0-9_.[-]+$/.test(a) && a !== 'busybox');
    for (const a of applets) await symlink('busybox', join(dir, 'bin', a));
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(dir, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n');
    await writeFile(join(dir, 'etc/group'), 'root:x:0:\nnogroup:x:65534:\n');
    return layerFromDir(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface E2eImages {
  /** busybox, one layer */
  base: string;
  /** busybox + one file layer: shares its base layer with `base` */
  web: string;
}

/** Pushes the e2e images to the test registry (nothing downloaded, built here). */
export async function pushE2eImages(registry: TestRegistry): Promise<E2eImages> {
  const base = await fullBusyboxLayer();
  const page = await fileLayer('index.html', '<h1>hello from berth</h1>\n');
  const images = {
    base: `${registry.host}/e2e/busybox:1`,
    web: `${registry.host}/e2e/busybox-web:1`,
  };
  await buildImage([base]).push(images.base);
  await buildImage([base, page], ['httpd', '-f', '-p', '80', '-h', '/']).push(images.web);
  return images;
}
