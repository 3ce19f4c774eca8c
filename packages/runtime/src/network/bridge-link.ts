import { randomBytes } from 'node:crypto';
import { existsSync, readlinkSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { runBinary } from '../oci-runtime/run-binary.js';

/** I/O on the host for a network's life: its bridge, and what dnsname leaves behind. */

export const interfaceExists = (name: string) => existsSync(`/sys/class/net/${name}`);

const IFNAME = /^[\w.-]{1,15}$/;

/**
 * Whether an attachment the bridge plugin made is still wired: its host-side veth (the result's
 * interface outside the namespace that is not the bridge) exists and is still a port of
 * `bridge`. A bridge deleted (and made again) since leaves the veth on no bridge.
 */
export function isAttachmentLive(
  a: { result: { interfaces?: Array<{ name: string; sandbox?: string }> } | null },
  bridge: string,
): boolean {
  const veth = a.result?.interfaces?.find((i) => !i.sandbox && i.name !== bridge)?.name;
  if (!veth || !IFNAME.test(veth)) return false;
  try {
    return basename(readlinkSync(`/sys/class/net/${veth}/master`)) === bridge;
  } catch {
    return false;
  }
}

/**
 * Pure: a random unicast, locally administered MAC address (as Docker gives its bridges). A
 * bridge created without one takes the lowest MAC of its ports and changes it as ports come and
 * go: a container joining with a lower MAC moved the gateway's address, and every other
 * container's ARP entry pointed at a port instead for up to half a minute (DNS and routing
 * timed out). One given at creation is kept for the bridge's life.
 */
export function bridgeMac(bytes: Uint8Array = randomBytes(6)): string {
  const b = Array.from(bytes.subarray(0, 6));
  b[0] = ((b[0] ?? 0) & 0xfe) | 0x02;
  return b.map((x) => x.toString(16).padStart(2, '0')).join(':');
}

/** Creates the bridge with a fixed MAC and the gateway address, and brings it up (as Docker). */
export async function createBridge(name: string, gatewayCidr: string): Promise<void> {
  await runBinary('ip', ['link', 'add', 'name', name, 'address', bridgeMac(), 'type', 'bridge']);
  try {
    await runBinary('ip', ['addr', 'add', gatewayCidr, 'dev', name]);
    await runBinary('ip', ['link', 'set', name, 'up']);
  } catch (err) {
    await deleteBridge(name);
    throw err;
  }
}

/**
 * A bridge made before bridges had their own MAC (or by hand) keeps the address it has now:
 * setting it makes it the bridge's own (`addr_assign_type` 3), so ports no longer move it.
 */
export async function pinBridgeMac(name: string): Promise<void> {
  const sys = (f: string) => readFile(`/sys/class/net/${name}/${f}`, 'utf8').then((s) => s.trim());
  if ((await sys('addr_assign_type')) === '3') return;
  await runBinary('ip', ['link', 'set', 'dev', name, 'address', await sys('address')]);
}

/** Deletes the bridge; a missing one is not an error (CNI's DEL leaves bridges in place). */
export async function deleteBridge(name: string): Promise<void> {
  if (!interfaceExists(name)) return;
  await runBinary('ip', ['link', 'del', name]);
}

/** The INPUT rule dnsname inserts on first use (`-i BRIDGE -p udp --dport 53 -j ACCEPT`). */
export const dnsAcceptRule = (bridge: string) => [
  'INPUT',
  '-i',
  bridge,
  '-p',
  'udp',
  '-m',
  'udp',
  '--dport',
  '53',
  '-j',
  'ACCEPT',
];

/** dnsname never removes its INPUT rule: delete every copy of it. */
export async function removeDnsAcceptRule(bridge: string): Promise<void> {
  const rule = dnsAcceptRule(bridge);
  for (let i = 0; i < 16; i++) {
    const check = await runBinary('iptables', ['-w', '-C', ...rule], { allowFailure: true });
    if (check.exitCode !== 0) return;
    await runBinary('iptables', ['-w', '-D', ...rule]);
  }
}

/** Where dnsname keeps a network's dnsmasq files: `$XDG_RUNTIME_DIR/containers/cni/dnsname/<net>`. */
export const dnsnameDir = (runtimeDir: string, network: string) =>
  join(runtimeDir, 'containers', 'cni', 'dnsname', network);

/**
 * dnsname stops dnsmasq when its last entry goes; a crash between can leave one running. Stops
 * the process named by the network's pid file only when its command line is that network's
 * dnsmasq (a reused pid is left alone), then removes the state directory.
 */
export async function stopNetworkDnsmasq(runtimeDir: string, network: string): Promise<void> {
  const dir = dnsnameDir(runtimeDir, network);
  const pid = Number((await readFile(join(dir, 'pidfile'), 'utf8').catch(() => '')).trim());
  if (Number.isInteger(pid) && pid > 0) {
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes(join(dir, 'dnsmasq.conf'))) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
    }
  }
  await rm(dir, { recursive: true, force: true });
}
