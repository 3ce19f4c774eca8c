import { sha256, type Digest } from '../digest/digest.js';

/** ChainIDs of every prefix of a layer stack (OCI image spec): the last one names the whole stack. */
export function chainIds(diffIds: readonly Digest[]): Digest[] {
  const out: Digest[] = [];
  for (const d of diffIds) {
    const prev = out[out.length - 1];
    out.push(prev === undefined ? d : sha256(`${prev} ${d}`));
  }
  return out;
}
