import type { Readable } from 'node:stream';
import { RuntimeError } from '../errors.js';
import { parsePipeMessage } from './conmon-exec-args.js';

export interface PipeMessage {
  data: number;
  message?: string;
}

/**
 * conmon's messages on one pipe (`{"data": N}` lines), in order from the first: `next()`
 * resolves with the next one, or rejects (INTERNAL) once the pipe ended without it.
 */
export class PipeMessages {
  readonly #values: PipeMessage[] = [];
  readonly #waiters: { resolve: (m: PipeMessage) => void; reject: (e: Error) => void }[] = [];
  #buf = '';
  #ended = false;

  constructor(
    stream: Readable,
    private readonly name: string,
  ) {
    stream.on('data', (b: Buffer) => {
      this.#buf += b.toString('utf8');
      let nl: number;
      while ((nl = this.#buf.indexOf('\n')) >= 0) {
        const line = this.#buf.slice(0, nl);
        this.#buf = this.#buf.slice(nl + 1);
        const m = parsePipeMessage(line);
        this.#values.push(m ?? { data: -1, message: `not a message: ${line.slice(0, 200)}` });
      }
      this.#settle();
    });
    const end = () => {
      this.#ended = true;
      this.#settle();
    };
    stream.once('end', end);
    stream.once('close', end);
    stream.once('error', end);
  }

  next(): Promise<PipeMessage> {
    return new Promise((resolve, reject) => {
      this.#waiters.push({ resolve, reject });
      this.#settle();
    });
  }

  #settle(): void {
    while (this.#waiters.length > 0 && this.#values.length > 0)
      this.#waiters.shift()!.resolve(this.#values.shift()!);
    if (!this.#ended) return;
    for (const w of this.#waiters.splice(0))
      w.reject(new RuntimeError('INTERNAL', `conmon closed its ${this.name} pipe`));
  }
}
