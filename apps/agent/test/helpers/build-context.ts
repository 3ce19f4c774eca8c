import { execFileSync } from 'node:child_process';
import { copyFile, cp, mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { makeTempDir } from '@berth/testkit';

/** Pure: the shared libraries and the dynamic loader `ldd` names for a binary. */
export function parseLdd(output: string): { libs: string[]; loader: string | undefined } {
  const libs: string[] = [];
  let loader: string | undefined;
  for (const line of output.split('\n')) {
    const arrow = /=>\s+(\/\S+)/.exec(line);
    if (arrow) libs.push(arrow[1]!);
    else if (/^\s*\/\S+\s+\(/.test(line)) loader = line.trim().split(/\s+/)[0];
  }
  return { libs, loader };
}

/**
 * Copies host binaries into `dir` with every library they load and the host's dynamic loader
 * as `ld.so`, so a RUN step in a busybox image can run them:
 * `/tools/ld.so --library-path /tools /tools/setcap …`.
 */
export async function copyHostTools(dir: string, binaries: readonly string[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const bin of binaries) {
    const { libs, loader } = parseLdd(execFileSync('ldd', [bin], { encoding: 'utf8' }));
    if (!loader) throw new Error(`ldd names no loader for ${bin}`);
    await copyFile(bin, join(dir, basename(bin)));
    for (const lib of libs) await copyFile(lib, join(dir, basename(lib))); // copyFile follows links
    await copyFile(loader, join(dir, 'ld.so'));
  }
}

/** A fresh build context: a copy of `fixtureDir` (its Dockerfile and files), in a temp dir. */
export async function buildContext(fixtureDir: string): Promise<string> {
  const dir = await makeTempDir('fidelity-ctx');
  await cp(fixtureDir, dir, { recursive: true });
  return dir;
}
