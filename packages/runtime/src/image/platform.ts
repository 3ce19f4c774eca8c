import { invalidArgument, notFound } from '../errors.js';
import type { Descriptor, ImageIndex } from './manifest.js';

export interface Platform {
  readonly os: string;
  readonly architecture: string;
  readonly variant?: string | undefined;
}

const NODE_ARCH: Record<string, string> = {
  x64: 'amd64',
  arm64: 'arm64',
  arm: 'arm',
  ia32: '386',
  ppc64: 'ppc64le',
  s390x: 's390x',
  riscv64: 'riscv64',
};

/** Normalizes architecture aliases and default variants the way containerd's platforms package does. */
export function normalizePlatform(p: Platform): Platform {
  let architecture = p.architecture.toLowerCase();
  let variant = p.variant?.toLowerCase() || undefined;
  if (architecture === 'x86_64' || architecture === 'x86-64') architecture = 'amd64';
  if (architecture === 'aarch64') architecture = 'arm64';
  if (architecture === 'armhf') [architecture, variant] = ['arm', 'v7'];
  if (architecture === 'armel') [architecture, variant] = ['arm', 'v6'];
  if (architecture === 'arm64' && (variant === 'v8' || variant === '8')) variant = undefined;
  if (architecture === 'arm' && (variant === undefined || variant === '7')) variant = 'v7';
  if (architecture === 'amd64' && variant === 'v1') variant = undefined;
  return { os: p.os.toLowerCase(), architecture, variant };
}

export function hostPlatform(arch: string = process.arch): Platform {
  return normalizePlatform({ os: 'linux', architecture: NODE_ARCH[arch] ?? arch });
}

/** Parses `os/arch[/variant]` (e.g. `linux/arm64/v8`). */
export function parsePlatform(s: string): Platform {
  const parts = s.split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((x) => !/^[A-Za-z0-9_.-]+$/.test(x))) {
    throw invalidArgument(`invalid platform "${s}" (expected os/arch[/variant])`);
  }
  return normalizePlatform({ os: parts[0]!, architecture: parts[1]!, variant: parts[2] });
}

export function formatPlatform(p: Platform): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}

export function platformMatches(want: Platform, have: Platform): boolean {
  const a = normalizePlatform(want);
  const b = normalizePlatform(have);
  return (
    a.os === b.os && a.architecture === b.architecture && (a.variant ?? '') === (b.variant ?? '')
  );
}

/** Picks the manifest for `platform` from an index; NOT_FOUND lists what the index offers. */
export function selectManifest(index: ImageIndex, platform: Platform): Descriptor {
  const candidates = index.manifests.filter(
    (m) => m.platform && m.mediaType !== 'application/vnd.oci.image.index.v1+json',
  );
  const hit = candidates.find((m) => m.platform && platformMatches(platform, m.platform));
  if (hit) return hit;
  const offered =
    candidates.map((m) => formatPlatform(normalizePlatform(m.platform!))).join(', ') || 'none';
  throw notFound(
    `no manifest for platform ${formatPlatform(normalizePlatform(platform))} in index (available: ${offered})`,
  );
}
