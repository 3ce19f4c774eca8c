import { existsSync } from 'node:fs';
import { runBinary } from '../oci-runtime/run-binary.js';

export const NETNS_DIR = '/var/run/netns';
export const netnsName = (id: string) => `berth-${id.slice(0, 32)}`;
export const netnsPath = (name: string) => `${NETNS_DIR}/${name}`;

/** `ip netns add` (a bind-mounted network namespace under /var/run/netns). */
export async function createNetns(name: string): Promise<string> {
  await runBinary('ip', ['netns', 'add', name]);
  return netnsPath(name);
}

/** `ip netns delete`; a missing namespace is not an error. */
export async function deleteNetns(name: string): Promise<void> {
  if (!existsSync(netnsPath(name))) return;
  await runBinary('ip', ['netns', 'delete', name]);
}
