import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';

/** This process among the replicas: a fresh random id per start, and a name for logs. */
export function replicaIdentity(name: string | null): { id: string; name: string } {
  return {
    id: randomBytes(8).toString('hex'),
    name: name ?? `${hostname()}-${process.pid}`,
  };
}
