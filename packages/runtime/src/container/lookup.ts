import { notFound, invalidArgument } from '../errors.js';

/** Pure: Docker's lookup order — full id, exact name, then a unique id prefix. */
export function resolveContainer<T extends { id: string; name: string }>(all: T[], ref: string): T {
  const exact = all.find((c) => c.id === ref) ?? all.find((c) => c.name === ref.replace(/^\//, ''));
  if (exact) return exact;
  if (/^[0-9a-f]+$/.test(ref)) {
    const matches = all.filter((c) => c.id.startsWith(ref));
    if (matches.length === 1 && matches[0]) return matches[0];
    if (matches.length > 1) throw invalidArgument(`multiple containers match the prefix "${ref}"`);
  }
  throw notFound(`no such container: ${ref}`);
}
