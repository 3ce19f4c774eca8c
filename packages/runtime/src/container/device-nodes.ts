import { stat } from 'node:fs/promises';
import { deviceEntries, splitDeviceNumber, type DeviceRequest } from '../oci-spec/devices.js';
import type { OciDevice, OciDeviceRule } from '../oci-spec/types.js';
import { invalidArgument } from '../errors.js';

/** Reads each requested host device node (the I/O half of `--device`); refuses anything else. */
export async function readDeviceNodes(
  requests: readonly DeviceRequest[],
): Promise<{ device: OciDevice; rule: OciDeviceRule }[]> {
  const out: { device: OciDevice; rule: OciDeviceRule }[] = [];
  for (const req of requests) {
    const st = await stat(req.hostPath, { bigint: true }).catch(() => null);
    if (!st) throw invalidArgument(`device ${req.hostPath} does not exist`);
    const type = st.isCharacterDevice() ? 'c' : st.isBlockDevice() ? 'b' : null;
    if (!type) throw invalidArgument(`${req.hostPath} is not a device`);
    out.push(
      deviceEntries(req, {
        type,
        ...splitDeviceNumber(st.rdev),
        fileMode: Number(st.mode & 0o777n),
        uid: Number(st.uid),
        gid: Number(st.gid),
      }),
    );
  }
  return out;
}
