export interface WaitOptions {
  /** Give up after this long (default 30 s). */
  timeoutMs?: number;
  /** Pause between tries (default 100 ms). */
  intervalMs?: number;
  /**
   * Checked before every try: a message means waiting cannot succeed any more (e.g. the process
   * being waited for has exited), and `waitFor` fails at once with it.
   */
  giveUp?: () => string | undefined;
}

/**
 * Polls `fn` until it returns something other than `undefined` and returns that. A throw from
 * `fn` counts as "not yet" (e.g. ECONNREFUSED while a server starts); the last one is quoted if
 * the time runs out. `T` excludes null and undefined, so a poll that says "not yet" with `null`
 * (which would be taken as the answer) does not compile.
 */
export async function waitFor<T extends NonNullable<unknown>>(
  what: string,
  fn: () => Promise<T | undefined>,
  opts: WaitOptions = {},
): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    const reason = opts.giveUp?.();
    if (reason !== undefined) throw new Error(`gave up waiting for ${what}: ${reason}`);
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() >= deadline) break;
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 100));
  }
  const cause =
    last === undefined ? '' : `: ${last instanceof Error ? last.message : String(last)}`;
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${cause}`);
}
