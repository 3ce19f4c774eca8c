import type { ServerResponse } from 'node:http';
import type { WireError } from '@berth/protocol';

/**
 * A lazily started NDJSON response: headers go out with the first line, so an error thrown
 * before any progress (bad reference, unknown image) still gets a proper HTTP status from the
 * router. After that, the outcome is the last line: `{done: true, …}` or `{error}`.
 */
export class NdjsonWriter {
  constructor(private readonly res: ServerResponse) {}

  get started(): boolean {
    return this.res.headersSent;
  }

  line(value: unknown): void {
    if (this.res.writableEnded || this.res.destroyed) return;
    if (!this.res.headersSent) {
      this.res.writeHead(200, {
        'content-type': 'application/x-ndjson',
        'cache-control': 'no-store',
      });
    }
    this.res.write(JSON.stringify(value) + '\n');
  }

  end(last: unknown): void {
    this.line(last);
    if (!this.res.writableEnded) this.res.end();
  }

  fail(error: WireError): void {
    this.end({ error });
  }
}
