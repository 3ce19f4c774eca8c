import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, copyFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  hostPlatform,
  MediaType,
  memoryBlobs,
  parseReference,
  pushTree,
  RegistryClient,
  sha256,
} from '@berth/runtime';
import type { Digest } from '@berth/runtime';

// Minimal copies of packages/runtime/test/support (registry + image builders): importing that
// folder across workspaces would pull the runtime's sources into this package's typecheck.

export interface TestRegistry {
  host: string;
  stop: () => Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() =>
        typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Debian's `docker-registry serve` on a free loopback port, optionally with htpasswd auth. */
export async function startRegistry(
  opts: { auth?: { username: string; password: string } } = {},
): Promise<TestRegistry> {
  const dir = await mkdtemp(join(tmpdir(), 'berth-agent-registry-'));
  const port = await freePort();
  let auth = '';
  if (opts.auth) {
    const line = execFileSync('htpasswd', ['-Bbn', opts.auth.username, opts.auth.password], {
      encoding: 'utf8',
    }).trim();
    await writeFile(join(dir, 'htpasswd'), `${line}\n`);
    auth = `auth: {htpasswd: {realm: test-registry, path: ${join(dir, 'htpasswd')}}}\n`;
  }
  await writeFile(
    join(dir, 'config.yml'),
    `version: 0.1\nlog: {level: error, accesslog: {disabled: true}}\nstorage: {filesystem: {rootdirectory: ${join(dir, 'data')}}, delete: {enabled: true}}\nhttp: {addr: 127.0.0.1:${port}}\n${auth}`,
  );
  const child: ChildProcess = spawn('docker-registry', ['serve', join(dir, 'config.yml')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const host = `127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      const res = await fetch(`http://${host}/v2/`);
      await res.body?.cancel();
      if (res.status === 200 || res.status === 401) break;
    } catch {
      // not up yet
    }
    if (child.exitCode !== null || i > 100) {
      if (child.exitCode === null) process.kill(child.pid!, 'SIGKILL');
      throw new Error(`docker-registry did not start: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    host,
    stop: async () => {
      if (child.exitCode === null) {
        process.kill(child.pid!, 'SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface Layer {
  blob: Buffer;
  digest: Digest;
  diffId: Digest;
}

/** A reproducible gzip layer from a directory (`tar --sort=name --owner=0 … | gzip -n`). */
export function layerFromDir(dir: string): Layer {
  const tar = execFileSync(
    'tar',
    [
      '--sort=name',
      '--owner=0',
      '--group=0',
      '--numeric-owner',
      '--mtime=@0',
      '-C',
      dir,
      '-cf',
      '-',
      '.',
    ],
    { maxBuffer: 64 << 20 },
  );
  const blob = gzipSync(tar);
  return { blob, digest: sha256(blob), diffId: sha256(tar) };
}

/** busybox-static at /bin/busybox with a few applet links: the layer test images share. */
export async function busyboxLayer(): Promise<Layer> {
  const dir = await mkdtemp(join(tmpdir(), 'berth-agent-layer-'));
  try {
    await mkdir(join(dir, 'bin'));
    await copyFile('/usr/bin/busybox', join(dir, 'bin/busybox'));
    for (const a of ['sh', 'ls', 'cat', 'echo', 'sleep', 'true'])
      await symlink('busybox', join(dir, 'bin', a));
    return layerFromDir(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function fileLayer(name: string, content: string): Promise<Layer> {
  const dir = await mkdtemp(join(tmpdir(), 'berth-agent-layer-'));
  try {
    await writeFile(join(dir, name), content);
    return layerFromDir(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface BuiltImage {
  configDigest: Digest;
  push: (ref: string) => Promise<Digest>;
}

/** An OCI image (for the host platform) over the given layers, pushable to a test registry. */
export function buildImage(layers: readonly Layer[], cmd: string[] = ['/bin/sh']): BuiltImage {
  const blobs = new Map<Digest, Buffer>();
  for (const l of layers) blobs.set(l.digest, l.blob);
  const p = hostPlatform();
  const config = Buffer.from(
    JSON.stringify({
      architecture: p.architecture,
      os: p.os,
      created: '2026-01-01T00:00:00Z',
      config: { Env: ['PATH=/bin'], Cmd: cmd },
      rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
      history: layers.map((_, i) => ({
        created: '2026-01-01T00:00:00Z',
        created_by: `layer ${i}`,
      })),
    }),
  );
  blobs.set(sha256(config), config);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaType.OciManifest,
      config: { mediaType: MediaType.OciConfig, digest: sha256(config), size: config.length },
      layers: layers.map((l) => ({
        mediaType: MediaType.OciLayerGzip,
        digest: l.digest,
        size: l.blob.length,
      })),
    }),
  );
  blobs.set(sha256(manifest), manifest);
  const root = {
    mediaType: MediaType.OciManifest,
    digest: sha256(manifest),
    size: manifest.length,
  };
  return {
    configDigest: sha256(config),
    push: (ref) => {
      const r = parseReference(ref);
      const client = new RegistryClient(r.registry);
      return pushTree(client, r.repository, r.tag ?? 'latest', root, memoryBlobs(blobs));
    },
  };
}
