/** Pure: bytes in people's units (`1.5 KiB`). */
export function formatSize(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let n = bytes;
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return i === 0 ? `${n} B` : `${n.toFixed(n < 10 ? 1 : 0)} ${units[i]}`;
}

/** Pure: the parent of a path inside a volume (`/a/b` → `/a`, `/` → `/`). */
export function parentPath(path: string): string {
  const parts = path.split('/').filter(Boolean);
  return `/${parts.slice(0, -1).join('/')}`;
}

/** Pure: a child path (`/a` + `b` → `/a/b`). */
export function childPath(path: string, name: string): string {
  return path === '/' ? `/${name}` : `${path}/${name}`;
}
