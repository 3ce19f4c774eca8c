import type { ServerResponse } from 'node:http';
import { toDockerError } from './errors.js';

/**
 * Docker's JSON message stream (pull, push, load): one JSON document per line (`\r\n`, as
 * dockerd's stream formatter ends them). Headers go out with the first line, so a failure before
 * any output still answers with its HTTP status (as dockerd's unflushed writer does); after it,
 * the failure is the stream's last line, `{"errorDetail":{…},"error":…}`.
 */
export class JsonStream {
  constructor(private readonly res: ServerResponse) {}

  get started(): boolean {
    return this.res.headersSent;
  }

  write(...messages: readonly unknown[]): void {
    if (this.res.writableEnded || this.res.destroyed || messages.length === 0) return;
    if (!this.res.headersSent) this.res.writeHead(200, { 'Content-Type': 'application/json' });
    this.res.write(messages.map((m) => `${JSON.stringify(m)}\r\n`).join(''));
  }

  end(): void {
    if (!this.res.headersSent) this.res.writeHead(200, { 'Content-Type': 'application/json' });
    if (!this.res.writableEnded) this.res.end();
  }

  /**
   * Runs `work`; a failure after the stream began becomes its error line. Before, it is thrown
   * (the router answers it with Docker's status and `{message}`).
   */
  async run(work: () => Promise<void>): Promise<undefined> {
    try {
      await work();
      this.end();
    } catch (err) {
      if (!this.started) throw err;
      const { message } = toDockerError(err).body;
      this.write({ errorDetail: { message }, error: message });
      this.end();
    }
    return undefined;
  }
}
