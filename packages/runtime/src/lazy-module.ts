import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A CommonJS package or Node built-in loaded by the first call, not at import: the agent keeps
 * out of its memory what it may never use (a native addon is its shared library, its JS and the
 * Node modules it loads: zstd for zstd layers, the SOCK_SEQPACKET socket for attaching, worker
 * threads for terminal readers). Later calls return the same module; a failed load throws to
 * that caller and is tried again by the next.
 */
export function lazyModule<T>(id: string): () => T {
  let mod: T | undefined;
  return () => (mod ??= require(id) as T);
}
