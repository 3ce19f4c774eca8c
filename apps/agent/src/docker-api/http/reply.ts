/**
 * A handler's answer when it is not a plain 200 JSON body: another status (201 created, 204 no
 * content, 304 not modified — Docker's answer to starting a running container), extra headers.
 */
export class Reply {
  constructor(
    readonly status: number,
    readonly body?: unknown,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {}

  static created(body: unknown): Reply {
    return new Reply(201, body);
  }

  static noContent(): Reply {
    return new Reply(204);
  }

  static notModified(): Reply {
    return new Reply(304);
  }
}
