import { AgentError } from '../../errors.js';

/** Docker's default: ctrl-p then ctrl-q. */
export const DEFAULT_DETACH_KEYS = 'ctrl-p,ctrl-q';

/** Pure: `ctrl-p,ctrl-q` / `a,ctrl-@` → the byte sequence (Docker's `term.ToBytes`). */
export function parseDetachKeys(spec: string): Buffer {
  const out: number[] = [];
  for (const key of spec.split(',')) {
    const k = key.trim();
    if (k.length === 1) out.push(k.charCodeAt(0));
    else if (/^ctrl-[a-z@[\\\]^_]$/i.test(k)) {
      const c = k.slice(5).toLowerCase();
      out.push(c >= 'a' && c <= 'z' ? c.charCodeAt(0) - 96 : c.charCodeAt(0) - 64);
    } else
      throw new AgentError(
        'INVALID_ARGUMENT',
        `Invalid detach keys (${spec.slice(0, 40)}) provided`,
      );
  }
  if (out.length === 0) throw new AgentError('INVALID_ARGUMENT', 'Invalid detach keys provided');
  return Buffer.from(out);
}

/**
 * Watches a client's stdin for the detach sequence, as Docker's escape proxy does: bytes that
 * could start the sequence are held back until it is complete (detach: they are never forwarded)
 * or broken (they are forwarded with what follows).
 */
export class DetachKeyScanner {
  #matched = 0;

  constructor(private readonly keys: Buffer) {}

  /** Pure step: what to forward, and whether the sequence completed (the rest is dropped). */
  push(chunk: Buffer): { forward: Buffer; detach: boolean } {
    const out: number[] = [];
    for (const b of chunk) {
      if (b === this.keys[this.#matched]) {
        this.#matched++;
        if (this.#matched === this.keys.length) {
          this.#matched = 0;
          return { forward: Buffer.from(out), detach: true };
        }
        continue;
      }
      if (this.#matched > 0) out.push(...this.keys.subarray(0, this.#matched));
      this.#matched = b === this.keys[0] ? 1 : 0;
      if (this.#matched === 0) out.push(b);
    }
    return { forward: Buffer.from(out), detach: false };
  }
}
