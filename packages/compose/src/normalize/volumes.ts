import { posix } from 'node:path';
import { invalid } from '../errors.js';
import type { VolumeMount } from '../model.js';
import { parseBytes } from '../units.js';

export interface PathContext {
  /** Absolute project directory. */
  workingDir: string;
  /** The home directory `~` stands for (from the given environment's HOME). */
  home: string | null;
}

const MODES = new Set(['ro', 'rw', 'z', 'Z', 'nocopy', 'consistent', 'cached', 'delegated']);
const isPath = (s: string) => s.startsWith('.') || s.startsWith('/') || s.startsWith('~');

/**
 * Pure: one `volumes:` entry → its long form. Short syntax `[SOURCE:]TARGET[:MODE]`: a source that
 * starts with `.`, `/` or `~` is a bind mount (relative to the project directory), another source
 * is a named volume, no source is an anonymous volume. Long syntax `{type, source, target,
 * read_only, bind: {create_host_path}, volume: {nocopy}, tmpfs: {size, mode}}`.
 */
export function normalizeVolume(entry: unknown, ctx: PathContext, where: string): VolumeMount {
  if (typeof entry === 'string') return parseShort(entry, ctx, where);
  const o = entry as Record<string, unknown>;
  const target = absTarget(String(o.target ?? ''), where);
  const readOnly = o.read_only === true || o.read_only === 'true';
  const source = o.source === undefined || o.source === '' ? null : String(o.source);
  if (o.type === 'tmpfs') {
    const t = (o.tmpfs ?? {}) as Record<string, unknown>;
    const size =
      t.size === undefined ? null : parseBytes(t.size as string | number, `${where}.tmpfs.size`);
    const mode = t.mode === undefined ? null : Number(t.mode);
    return { type: 'tmpfs', target, size, mode };
  }
  if (o.type === 'bind') {
    if (source === null) throw invalid(`${where}: a bind mount needs a source`);
    const bind = (o.bind ?? {}) as Record<string, unknown>;
    const create = bind.create_host_path === undefined ? true : bind.create_host_path === true;
    return bindMount(source, target, readOnly, create, ctx, where);
  }
  const vol = (o.volume ?? {}) as Record<string, unknown>;
  return { type: 'volume', source, target, readOnly, nocopy: vol.nocopy === true };
}

function parseShort(spec: string, ctx: PathContext, where: string): VolumeMount {
  const parts = spec.split(':');
  if (parts.length === 1)
    return {
      type: 'volume',
      source: null,
      target: absTarget(spec, where),
      readOnly: false,
      nocopy: false,
    };
  if (parts.length > 3)
    throw invalid(`${where}: invalid volume "${spec}" (want [source:]target[:mode])`);
  const [source = '', targetRaw = '', modeList = ''] = parts;
  const modes = modeList === '' ? [] : modeList.split(',');
  const bad = modes.find((m) => !MODES.has(m));
  if (bad !== undefined) throw invalid(`${where}: unknown volume mode "${bad}" in "${spec}"`);
  const target = absTarget(targetRaw, where);
  const readOnly = modes.includes('ro');
  if (isPath(source)) return bindMount(source, target, readOnly, true, ctx, where);
  return { type: 'volume', source, target, readOnly, nocopy: modes.includes('nocopy') };
}

function bindMount(
  source: string,
  target: string,
  readOnly: boolean,
  createHostPath: boolean,
  ctx: PathContext,
  where: string,
): VolumeMount {
  return { type: 'bind', source: hostPath(source, ctx, where), target, readOnly, createHostPath };
}

/** Pure: a host path from the file → absolute (`~` = home, relative = project directory). */
export function hostPath(p: string, ctx: PathContext, where: string): string {
  if (p === '~' || p.startsWith('~/')) {
    if (!ctx.home) throw invalid(`${where}: "${p}" needs HOME to be set`);
    return posix.normalize(posix.join(ctx.home, p.slice(1)));
  }
  return posix.resolve(ctx.workingDir, p);
}

function absTarget(t: string, where: string): string {
  if (!t.startsWith('/')) throw invalid(`${where}: the target "${t}" must be an absolute path`);
  const n = posix.normalize(t);
  if (n === '/') throw invalid(`${where}: the target cannot be /`);
  return n.length > 1 ? n.replace(/\/$/, '') : n;
}
