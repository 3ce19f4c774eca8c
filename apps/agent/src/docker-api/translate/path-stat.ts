import type { PathStat } from '@berth/runtime';
import { isoTime } from '@berth/log';

/** Pure: a unix st_mode → Go's `os.FileMode` bits, which Docker's path stat carries. */
export function goFileMode(mode: number): number {
  let m = mode & 0o777;
  switch (mode & 0o170000) {
    case 0o040000:
      m |= 2 ** 31; // ModeDir
      break;
    case 0o120000:
      m |= 2 ** 27; // ModeSymlink
      break;
    case 0o010000:
      m |= 2 ** 25; // ModeNamedPipe
      break;
    case 0o140000:
      m |= 2 ** 24; // ModeSocket
      break;
    case 0o020000:
      m |= 2 ** 26 + 2 ** 21; // ModeDevice | ModeCharDevice
      break;
    case 0o060000:
      m |= 2 ** 26; // ModeDevice
      break;
  }
  if (mode & 0o4000) m += 2 ** 23; // ModeSetuid
  if (mode & 0o2000) m += 2 ** 22; // ModeSetgid
  if (mode & 0o1000) m += 2 ** 20; // ModeSticky
  return m >>> 0;
}

/** Pure: the `X-Docker-Container-Path-Stat` header: base64 of Docker's `PathStat` JSON. */
export function pathStatHeader(s: PathStat): string {
  const json = {
    name: s.name,
    size: s.size,
    mode: goFileMode(s.mode),
    mtime: isoTime(s.mtime.getTime()),
    linkTarget: s.linkTarget,
  };
  return Buffer.from(JSON.stringify(json)).toString('base64');
}
