import {
  mkdirSync,
  mkdtempSync,
  copyFileSync,
  symlinkSync,
  writeFileSync,
  rmSync,
  rmdirSync,
  existsSync,
  readFileSync,
  readdirSync,
} from 'node:fs';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const APPLETS = [
  'sh',
  'sleep',
  'cat',
  'echo',
  'ls',
  'id',
  'stty',
  'httpd',
  'hostname',
  'env',
  'pwd',
  'true',
  'false',
  'yes',
  'dd',
  'head',
  'kill',
  'ps',
  'mkdir',
  'touch',
  'wc',
  'grep',
  'seq',
  'printf',
  'test',
  'tail',
  'nproc',
  'wget',
  'nslookup',
  'ping',
  'ip',
];

/** A busybox-static root filesystem: /bin/busybox + applet symlinks + passwd/group. */
export function makeBusyboxRootfs(dir: string): string {
  for (const d of ['bin', 'etc', 'tmp', 'proc', 'sys', 'dev', 'www', 'root', 'home/app'])
    mkdirSync(join(dir, d), { recursive: true });
  copyFileSync('/usr/bin/busybox', join(dir, 'bin/busybox'));
  execFileSync('chmod', ['755', join(dir, 'bin/busybox')]);
  for (const a of APPLETS) symlinkSync('busybox', join(dir, 'bin', a));
  writeFileSync(
    join(dir, 'etc/passwd'),
    'root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/home/app:/bin/sh\n',
  );
  writeFileSync(join(dir, 'etc/group'), 'root:x:0:\napp:x:1000:\nextra:x:2000:app\n');
  writeFileSync(join(dir, 'www/index.html'), 'hello from berth\n');
  return dir;
}

export interface TestRoots {
  base: string;
  dataRoot: string;
  execRoot: string;
  cgroupParent: string;
  rootfsBase: string;
  cleanup(): void;
}

/** Temp data root under /tmp, exec root under /run, a cgroup parent unique to this run. */
export function makeTestRoots(): TestRoots {
  const tag = randomBytes(4).toString('hex');
  const base = mkdtempSync(join(tmpdir(), 'berth-test-'));
  const dataRoot = join(base, 'data');
  const execRoot = `/run/berth-test-${tag}`;
  mkdirSync(dataRoot, { recursive: true });
  mkdirSync(execRoot, { recursive: true });
  const rootfsBase = makeBusyboxRootfs(join(base, 'busybox'));
  const cgroupParent = `/berth-test-${tag}`;
  return {
    base,
    dataRoot,
    execRoot,
    cgroupParent,
    rootfsBase,
    cleanup() {
      removeCgroupParent(cgroupParent);
      rmSync(execRoot, { recursive: true, force: true });
      rmSync(base, { recursive: true, force: true });
    },
  };
}

/** rmdir the test cgroup parent in every v1 controller (children first). */
export function removeCgroupParent(parent: string): void {
  if (!existsSync('/sys/fs/cgroup')) return;
  for (const ctrl of readdirSync('/sys/fs/cgroup')) rmdirTree(join('/sys/fs/cgroup', ctrl, parent));
}

function rmdirTree(p: string): void {
  if (!existsSync(p)) return;
  for (const d of readdirSync(p, { withFileTypes: true }))
    if (d.isDirectory()) rmdirTree(join(p, d.name));
  try {
    rmdirSync(p);
  } catch {
    /* busy: a leak the test will report */
  }
}

/** A per-container overlay of the busybox rootfs (the image modules will replace this). */
export function overlayRootfs(roots: TestRoots, id: string): { path: string; release(): void } {
  const dir = join(roots.base, 'overlays', id);
  const [upper, work, merged] = ['upper', 'work', 'merged'].map((d) => join(dir, d)) as [
    string,
    string,
    string,
  ];
  for (const d of [upper, work, merged]) mkdirSync(d, { recursive: true });
  // idempotent, like the engine's rootfs: mounted again only after a (simulated) reboot
  const mounted = readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .some((l) => l.split(' ')[4] === merged);
  if (!mounted)
    execFileSync('mount', [
      '-t',
      'overlay',
      'overlay',
      '-o',
      `lowerdir=${roots.rootfsBase},upperdir=${upper},workdir=${work}`,
      merged,
    ]);
  return {
    path: merged,
    release() {
      try {
        execFileSync('umount', [merged]);
      } catch {
        /* not mounted */
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until fn returns truthy (no timing assertions: a generous ceiling only to avoid hanging). */
export async function waitFor<T>(
  fn: () => T | Promise<T>,
  what: string,
  ceilingMs = 20000,
): Promise<NonNullable<T>> {
  const end = Date.now() + ceilingMs;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** A RootfsProvider over overlayRootfs: paths derive from the id, so any process can release. */
export function overlayProvider(roots: TestRoots) {
  return {
    async prepare(id: string) {
      return { path: overlayRootfs(roots, id).path };
    },
    async release(id: string) {
      const merged = join(roots.base, 'overlays', id, 'merged');
      try {
        execFileSync('umount', [merged], { stdio: 'ignore' });
      } catch {
        /* not mounted */
      }
      rmSync(join(roots.base, 'overlays', id), { recursive: true, force: true });
    },
  };
}

/** The IDs a manager's namespace pool lists (made ahead, or taken and not yet claimed). */
export function poolIds(dataRoot: string): string[] {
  try {
    const file = join(dataRoot, 'network', 'netns-pool.json');
    return (JSON.parse(readFileSync(file, 'utf8')) as { ids: string[] }).ids;
  } catch {
    return [];
  }
}
