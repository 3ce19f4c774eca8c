import { posix } from 'node:path';
import { invalidArgument } from '../errors.js';
import type { OciDevice, OciDeviceRule } from './types.js';

/** Docker's `--device HOST[:CONTAINER][:PERMISSIONS]`, parsed. */
export interface DeviceRequest {
  hostPath: string;
  containerPath: string;
  /** Some of `r` (read), `w` (write), `m` (mknod); default `rwm`. */
  access: string;
}

/** What the caller read from the host device node (stat). */
export interface HostDeviceNode {
  type: 'c' | 'b';
  major: number;
  minor: number;
  /** Permission bits of the node. */
  fileMode: number;
  uid: number;
  gid: number;
}

const isAccess = (s: string) => /^[rwm]{1,3}$/.test(s);
const isAbs = (p: string) => p.startsWith('/') && !p.split('/').includes('..');

/** Pure: `/dev/fuse`, `/dev/sda:/dev/xvda`, `/dev/sda:r`, `/dev/sda:/dev/xvda:rw`. */
export function parseDeviceSpec(spec: string): DeviceRequest {
  const parts = spec.split(':');
  const [host = '', second, third] = parts;
  let container = host;
  let access = 'rwm';
  if (parts.length === 2 && isAccess(second!)) access = second!;
  else if (parts.length >= 2) container = second!;
  if (parts.length === 3) access = third!;
  if (parts.length > 3 || !isAbs(host) || !isAbs(container) || !isAccess(access))
    throw invalidArgument(`invalid device "${spec}": want /dev/HOST[:/dev/CONTAINER][:rwm]`);
  return {
    hostPath: posix.normalize(host),
    containerPath: posix.normalize(container),
    access,
  };
}

/** Pure: Linux's major/minor split of a 64-bit `st_rdev` (glibc `gnu_dev_major/minor`). */
export function splitDeviceNumber(rdev: bigint): { major: number; minor: number } {
  return {
    major: Number(((rdev >> 32n) & 0xfffff000n) | ((rdev >> 8n) & 0xfffn)),
    minor: Number(((rdev >> 12n) & 0xffffff00n) | (rdev & 0xffn)),
  };
}

/** Pure: the device node runc creates in the container and the cgroup rule that lets it be used. */
export function deviceEntries(
  req: DeviceRequest,
  node: HostDeviceNode,
): { device: OciDevice; rule: OciDeviceRule } {
  return {
    device: {
      path: req.containerPath,
      type: node.type,
      major: node.major,
      minor: node.minor,
      fileMode: node.fileMode,
      uid: node.uid,
      gid: node.gid,
    },
    rule: {
      allow: true,
      type: node.type,
      major: node.major,
      minor: node.minor,
      access: req.access,
    },
  };
}
