import { createHash } from 'node:crypto';
import type { ServiceConfig } from './model.js';

/**
 * Pure: `com.docker.compose.config-hash` — sha256 (hex) of the normalized service config as
 * canonical JSON, without what does not change a container (as Compose v2's ServiceHash leaves
 * out scale/replicas, depends_on, profiles and the pull policy). Equal configs hash equally
 * whatever the key order of the file; any change to what a container is made from changes it.
 */
export function configHash(svc: ServiceConfig): string {
  const { replicas: _r, dependsOn: _d, profiles: _p, pullPolicy: _pp, ...rest } = svc;
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}

/** Pure: JSON with object keys sorted at every level. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v !== null && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}
