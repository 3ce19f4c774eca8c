/** Pure: decodes the octal escapes (`\040` = space) mountinfo uses in paths. */
function unescapeMountPath(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
}

/** Pure: the mount points listed in a `/proc/self/mountinfo` text (field 5 of each line). */
export function mountPoints(mountinfo: string): string[] {
  return mountinfo
    .split('\n')
    .map((l) => l.split(' ')[4])
    .filter((p): p is string => p !== undefined && p !== '')
    .map(unescapeMountPath);
}

/** Pure: whether `path` is a mount point according to `mountinfo`. */
export function isMountPoint(mountinfo: string, path: string): boolean {
  return mountPoints(mountinfo).includes(path);
}
