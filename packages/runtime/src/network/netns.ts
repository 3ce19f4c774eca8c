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

/**
 * The shell loop behind `createReadyNetns` (`sh -c SCRIPT sh AGENT_PID NAME…`). Before each
 * namespace it checks, with builtins only, that its parent is still the agent that started it:
 * an agent that died mid-refill is not followed by namespaces made after the next agent's start
 * has cleaned up the crash's list (an orphan is re-parented, and stops with exit 1). The pid is
 * passed, not taken from `$PPID`: a shell that starts after its parent died sees its new parent.
 */
export const READY_NETNS_SCRIPT =
  'parent=$1; shift; for n do read -r _ _ _ p _ < /proc/$$/stat; [ "$p" = "$parent" ] || exit 1; ' +
  'ip netns add "$n" && ip -n "$n" link set lo up || exit 1; done';

/**
 * Makes each named namespace with its loopback up (what the CNI loopback plugin's ADD does) in
 * one child: the agent forks once (a fork of the agent's large process is the costly part of a
 * spawn), the shell forks the `ip`s. Names are the caller's own (hex), passed as arguments.
 */
export async function createReadyNetns(names: readonly string[]): Promise<void> {
  if (names.length === 0) return;
  await runBinary('/bin/sh', ['-c', READY_NETNS_SCRIPT, 'sh', String(process.pid), ...names]);
}

/** Deletes the named namespaces that exist, in one `ip -batch`. */
export async function deleteNetnsAll(names: readonly string[]): Promise<void> {
  const present = names.filter((n) => existsSync(netnsPath(n)));
  if (present.length === 0) return;
  await runBinary('ip', ['-force', '-batch', '-'], {
    input: present.map((n) => `netns delete ${n}\n`).join(''),
  });
}
