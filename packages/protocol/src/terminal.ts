import * as z from 'zod';

/**
 * Interactive terminals between the web and an agent (docs/dashboard-protocol.md). Bytes travel
 * as socket.io binary attachments (Buffer in Node, Uint8Array/ArrayBuffer in browsers); every
 * frame is bounded so a peer cannot make the other buffer without limit.
 */

/** Largest `terminal.data` / `terminal.input` frame. */
export const TERMINAL_FRAME_MAX_BYTES = 64 * 1024;
/** The agent pauses the PTY when this many sent bytes are not yet acknowledged… */
export const TERMINAL_HIGH_WATER_BYTES = 2 * 1024 * 1024;
/** …and resumes it once `terminal.ack`s bring the unacknowledged count to this or below. */
export const TERMINAL_LOW_WATER_BYTES = 512 * 1024;

/**
 * Output the agent keeps per session (the newest bytes), replayed to a browser that reattaches
 * after the page went away (tab switch, reload, dropped connection).
 */
export const TERMINAL_SCROLLBACK_BYTES = 256 * 1024;
/** How long the agent keeps a session no page is attached to, unless told otherwise (seconds). */
export const TERMINAL_GRACE_DEFAULT_SECONDS = 300;

/** Chosen by the web; unique among the agent's open sessions. */
export const TerminalSessionIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected 1-64 [A-Za-z0-9_-]');

/** One binary frame: 1 byte to TERMINAL_FRAME_MAX_BYTES. */
export const TerminalFrameSchema = z
  .custom<Uint8Array>((v) => v instanceof Uint8Array, 'expected binary data')
  .refine((b) => b.byteLength > 0, 'empty frame')
  .refine(
    (b) => b.byteLength <= TERMINAL_FRAME_MAX_BYTES,
    `frame larger than ${TERMINAL_FRAME_MAX_BYTES} bytes`,
  );

const dimension = z.number().int().min(1).max(1000);

/** `['/bin/sh']` by default; `'auto'` = /bin/bash when the container has it, else /bin/sh. */
export const TerminalCommandSchema = z.union([
  z.literal('auto'),
  z.array(z.string().min(1).max(4096)).min(1).max(64),
]);

export const TerminalOpenParamsSchema = z
  .object({
    sessionId: TerminalSessionIdSchema,
    containerId: z.string().min(1).max(128),
    cmd: TerminalCommandSchema.default(['/bin/sh']),
    cols: dimension,
    rows: dimension,
    /** `user`, `uid`, `user:group` or `uid:gid` inside the container. */
    user: z
      .string()
      .regex(/^[A-Za-z0-9_.-]+(:[A-Za-z0-9_.-]+)?$/, 'user must be NAME[:GROUP] or UID[:GID]')
      .optional(),
    workdir: z.string().startsWith('/', 'workdir must be absolute').max(4096).optional(),
  })
  .strict();
export type TerminalOpenParams = z.input<typeof TerminalOpenParamsSchema>;

export const TerminalOpenResultSchema = z.object({
  ok: z.literal(true),
  sessionId: TerminalSessionIdSchema,
  /** The command actually started (what `'auto'` resolved to). */
  cmd: z.array(z.string()),
  /** Full id of the container. */
  containerId: z.string(),
});

export const TerminalResizeParamsSchema = z
  .object({ sessionId: TerminalSessionIdSchema, cols: dimension, rows: dimension })
  .strict();
export const TerminalSessionParamsSchema = z
  .object({ sessionId: TerminalSessionIdSchema })
  .strict();
/** A page comes back to a detached session: its size now; the scrollback follows as data. */
export const TerminalAttachParamsSchema = z
  .object({ sessionId: TerminalSessionIdSchema, cols: dimension, rows: dimension })
  .strict();
export const TerminalAttachResultSchema = z.object({
  ok: z.literal(true),
  sessionId: TerminalSessionIdSchema,
  cmd: z.array(z.string()),
  containerId: z.string(),
  /** Bytes of scrollback sent ahead of the live output. */
  replayed: z.number().int().nonnegative(),
});
/** `detached` is false when no such session was open. */
export const TerminalDetachResultSchema = z.object({ ok: z.literal(true), detached: z.boolean() });
export const TerminalOkSchema = z.object({ ok: z.literal(true) });
/** `closed` is false when no such session was open (closing is idempotent). */
export const TerminalCloseResultSchema = z.object({ ok: z.literal(true), closed: z.boolean() });

/** `expired`: no page came back within the agent's grace time (`--terminal-grace`). */
export const TerminalExitReasonSchema = z.enum(['exited', 'container-stopped', 'error', 'expired']);
export type TerminalExitReason = z.infer<typeof TerminalExitReasonSchema>;

/** agent → web: PTY output. */
export const TerminalDataEventSchema = z.object({
  sessionId: TerminalSessionIdSchema,
  data: TerminalFrameSchema,
});
/** agent → web: the session is over (sent once; not sent after `terminal.close`). */
export const TerminalExitEventSchema = z.object({
  sessionId: TerminalSessionIdSchema,
  /** The process's exit code; null when unknown (killed with the container, error). */
  exitCode: z.number().int().nullable(),
  reason: TerminalExitReasonSchema,
  message: z.string().max(1024).optional(),
});
/** web → agent: keystrokes / pasted bytes. */
export const TerminalInputEventSchema = z.object({
  sessionId: TerminalSessionIdSchema,
  data: TerminalFrameSchema,
});
/** web → agent: this many `terminal.data` bytes have been consumed (written to the terminal). */
export const TerminalAckEventSchema = z.object({
  sessionId: TerminalSessionIdSchema,
  bytes: z.number().int().positive().max(0x7fffffff),
});
