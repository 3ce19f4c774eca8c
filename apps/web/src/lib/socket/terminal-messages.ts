import { z } from 'zod';
import type { TerminalExitReasonSchema } from '@berth/protocol';
import { TerminalFrameSchema, TerminalSessionIdSchema } from '@berth/protocol';

/**
 * Terminal messages on the browser socket (/ui). The web relays them to and from the agent
 * (docs/dashboard-protocol.md § Terminals); the browser never picks the agent-side session id.
 */

export const terminalShells = ['auto', '/bin/sh', '/bin/bash'] as const;
export type TerminalShell = (typeof terminalShells)[number];

const dimension = z.number().int().min(1).max(1000);

/** browser → web, with ack `{ sessionId, cmd, containerId }`. */
export const TerminalOpenMessageSchema = z
  .object({
    hostId: z.string().min(1).max(64),
    containerId: z.string().min(1).max(128),
    cols: dimension,
    rows: dimension,
    shell: z.enum(terminalShells).default('/bin/sh'),
  })
  .strict();
export type TerminalOpenMessage = z.input<typeof TerminalOpenMessageSchema>;

export interface TerminalOpenAck {
  sessionId: string;
  cmd: string[];
  containerId: string;
}

export const TerminalInputMessageSchema = z
  .object({ sessionId: TerminalSessionIdSchema, data: TerminalFrameSchema })
  .strict();
export const TerminalResizeMessageSchema = z
  .object({ sessionId: TerminalSessionIdSchema, cols: dimension, rows: dimension })
  .strict();
export const TerminalAckMessageSchema = z
  .object({
    sessionId: TerminalSessionIdSchema,
    bytes: z.number().int().positive().max(0x7fffffff),
  })
  .strict();
export const TerminalCloseMessageSchema = z.object({ sessionId: TerminalSessionIdSchema }).strict();
/** browser → web: this page no longer shows the session (it lives on for the agent's grace time). */
export const TerminalDetachMessageSchema = z
  .object({ sessionId: TerminalSessionIdSchema })
  .strict();
/**
 * browser → web: show one of my sessions here again (after a tab switch, reload or dropped
 * connection), with ack `{ sessionId, cmd, containerId }`; its scrollback follows as data.
 */
export const TerminalAttachMessageSchema = z
  .object({ sessionId: TerminalSessionIdSchema, cols: dimension, rows: dimension })
  .strict();

/** web → browser events. `data` arrives as an ArrayBuffer in browsers. */
export interface TerminalDataEvent {
  sessionId: string;
  data: ArrayBuffer | Uint8Array;
}
export interface TerminalExitEvent {
  sessionId: string;
  exitCode: number | null;
  reason: z.infer<typeof TerminalExitReasonSchema>;
  message?: string;
}
/**
 * `connection lost`: the agent's link dropped; the session may live on there, the pane
 * reattaches when the host is back. `attached elsewhere`: another page of the same user took it.
 */
export interface TerminalStateEvent {
  sessionId: string;
  state: 'connection lost' | 'attached elsewhere';
}
