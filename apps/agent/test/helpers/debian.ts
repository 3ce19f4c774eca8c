import { execFile } from 'node:child_process';
import { access, chmod, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { makeTempDir } from '@berth/testkit';

const run = promisify(execFile);
const REPO = fileURLToPath(new URL('../../../../', import.meta.url));

/** The host's Debian suite (bookworm here): the base userland is the host's own release. */
export async function hostSuite(): Promise<string> {
  const { stdout } = await run('sh', ['-c', '. /etc/os-release && echo $VERSION_CODENAME']);
  return stdout.trim() || 'bookworm';
}

/**
 * A tarball of a real Debian root file system (`debootstrap --variant=minbase SUITE`, numeric
 * owners, xattrs, the downloaded .debs left out), cached under `<repo>/data/cache/` so reruns
 * skip the download (debootstrap takes ≈ 3 min here, most of it fetching packages).
 */
export async function debootstrapTarball(): Promise<string> {
  const suite = await hostSuite();
  const cache = join(REPO, 'data', 'cache');
  const tarball = join(cache, `debootstrap-${suite}-minbase.tar`);
  if (
    await access(tarball).then(
      () => true,
      () => false,
    )
  )
    return tarball;
  await mkdir(cache, { recursive: true });
  const dir = await makeTempDir('debootstrap');
  try {
    const root = join(dir, 'root');
    await run('debootstrap', ['--variant=minbase', suite, root], {
      maxBuffer: 64 << 20,
      timeout: 20 * 60_000,
    });
    const partial = `${tarball}.partial`;
    await run('tar', [
      ...['-C', root, '--numeric-owner', '--xattrs', '--xattrs-include=*'],
      ...['--exclude=./var/cache/apt/archives/*.deb', '-cf', partial, '.'],
    ]);
    await rename(partial, tarball);
    return tarball;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * A small local package built with dpkg-deb: a script, a setuid helper, a conffile and a
 * postinst that adds a system user and writes state, so `dpkg -i` / `dpkg -r` in a build does
 * ordinary package work. Written to `<outDir>/berth-fidelity_1.0_all.deb`.
 */
export async function buildFidelityDeb(outDir: string): Promise<string> {
  const dir = await makeTempDir('deb');
  try {
    const pkg = join(dir, 'pkg');
    const files: Array<[string, string, number]> = [
      ['DEBIAN/control', CONTROL, 0o644],
      ['DEBIAN/conffiles', '/etc/fidelity/fidelity.conf\n/etc/fidelity/extra.conf\n', 0o644],
      ['DEBIAN/postinst', POSTINST, 0o755],
      ['usr/bin/fidelity-hello', '#!/bin/sh\necho "hello from a local .deb"\n', 0o755],
      ['usr/lib/berth-fidelity/helper', '#!/bin/sh\nid -u\n', 0o4755],
      ['etc/fidelity/fidelity.conf', 'level = 3\n', 0o644],
      ['etc/fidelity/extra.conf', 'extra = yes\n', 0o600],
      ['usr/share/doc/berth-fidelity/copyright', 'Test package of Berth.\n', 0o644],
    ];
    for (const [path, content, mode] of files) {
      await mkdir(join(pkg, path, '..'), { recursive: true });
      await writeFile(join(pkg, path), content);
      await chmod(join(pkg, path), mode);
    }
    const out = join(outDir, 'berth-fidelity_1.0_all.deb');
    await run('dpkg-deb', ['--root-owner-group', '--build', pkg, out]);
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const CONTROL = `Package: berth-fidelity
Version: 1.0
Architecture: all
Maintainer: Berth <berth@localhost>
Description: package work for Berth's differential tests
`;

const POSTINST = `#!/bin/sh
set -e
if [ "$1" = configure ]; then
  getent passwd fidsvc >/dev/null || useradd --system --no-create-home --shell /usr/sbin/nologin fidsvc
  mkdir -p /var/lib/berth-fidelity
  echo installed > /var/lib/berth-fidelity/state
  chown fidsvc: /var/lib/berth-fidelity/state
fi
`;
