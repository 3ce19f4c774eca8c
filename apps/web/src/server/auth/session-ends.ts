import type { SessionEndReason } from '../../lib/socket/session-messages.js';

/** Whose browser sockets to cut: one session's, or every session's of a user (but one). */
export type SessionTarget = { sessionId: string } | { userId: string; exceptSessionId?: string };

/**
 * What the auth and users services tell the /ui hub when sessions end (a port: the hub
 * implements it). Called synchronously right after the database change, before anything is
 * awaited, so no socket event can slip in between the revocation and the cut.
 */
export interface SessionEndsPort {
  end(target: SessionTarget, reason: SessionEndReason): void;
}

export const noSessionEnds: SessionEndsPort = { end: () => undefined };
