/**
 * The directories (paths relative to the layer root) one layer apply has created, or found by
 * lstat to be real directories, with every ancestor checked the same way. Only that apply writes
 * into its root, so an entry stays true until the apply itself removes or replaces the path:
 * every removal calls `forget`, which drops the path and everything below it.
 */
export class VerifiedDirs {
  private readonly dirs = new Set<string>();

  has(rel: string): boolean {
    return rel === '' || this.dirs.has(rel);
  }

  add(rel: string): void {
    if (rel !== '') this.dirs.add(rel);
  }

  /** Drops `rel` and every cached path below it (it was removed or replaced). */
  forget(rel: string): void {
    const prefix = `${rel}/`;
    for (const d of this.dirs) if (d === rel || d.startsWith(prefix)) this.dirs.delete(d);
  }
}
