/**
 * `load`, run by the first caller and shared by every caller after it (a module loaded on first
 * use); a failed load (a broken install) is not kept: the next caller tries again.
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | null = null;
  return () => {
    if (!loading) {
      const p = load();
      loading = p;
      p.catch(() => {
        if (loading === p) loading = null;
      });
    }
    return loading;
  };
}
