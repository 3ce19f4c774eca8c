import { ProtocolError } from '@berth/protocol';

/**
 * The registry host an image reference names, Docker's way: the first path component when it
 * looks like a host (has a dot or a port, or is `localhost`), else docker.io. Lower-cased, with
 * docker.io's aliases folded in — the same key the agent's credential store uses. Pure.
 */
export function registryOf(ref: string): string {
  const slash = ref.indexOf('/');
  const first = slash < 0 ? '' : ref.slice(0, slash);
  const isHost = first !== '' && (/[.:]/.test(first) || first === 'localhost');
  return normalizeRegistry(isHost ? first : 'docker.io');
}

export function normalizeRegistry(host: string): string {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/\/+$/, '');
  return h === 'index.docker.io' || h === 'registry-1.docker.io' ? 'docker.io' : h;
}

const REGISTRY_RE = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?$|^\[[0-9a-f:]+\](:[0-9]{1,5})?$/;

/** The normalized registry host, or INVALID_ARGUMENT when `registry` is not one. Pure. */
export function validRegistry(registry: string): string {
  const r = normalizeRegistry(registry);
  if (!REGISTRY_RE.test(r)) {
    throw new ProtocolError('INVALID_ARGUMENT', `not a registry host: ${registry.slice(0, 100)}`);
  }
  return r;
}
