/**
 * Pure: what to show of an error — its message (already in people's words: the server and the
 * agents put the raw runtime output aside) and the raw detail, if any, for a "Details" toggle.
 */
export function errorParts(err: unknown): { message: string; detail: string | null } {
  if (err instanceof Error) {
    const details = (err as { details?: Record<string, unknown> }).details;
    const detail = typeof details?.detail === 'string' ? details.detail : null;
    if (err.name === 'TypeError' && /fetch/i.test(err.message)) {
      return {
        message:
          'The dashboard could not be reached: check the connection. What you asked for may still have happened; the list shows what the host reports.',
        detail: err.message,
      };
    }
    return { message: err.message, detail: detail === err.message ? null : detail };
  }
  return { message: String(err), detail: null };
}

const verbs: Record<string, string> = {
  start: 'start',
  stop: 'stop',
  restart: 'restart',
  pause: 'pause',
  unpause: 'unpause',
  kill: 'kill',
  remove: 'remove',
};

/** Pure: "Could not stop web-1" (the error's words follow). */
export function couldNot(action: string, what: string): string {
  return `Could not ${verbs[action] ?? action} ${what}`;
}
