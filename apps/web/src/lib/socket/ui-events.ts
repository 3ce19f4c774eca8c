import { z } from 'zod';
import type { HostDto } from '../dto/host.js';

/**
 * Messages on the browser socket (/ui). Server → browser events are pushes the query cache
 * merges; browser → server messages are validated with these schemas (anything else gets an
 * 'error' event back and is ignored).
 */
export interface UiServerEvents {
  /** A host was created, changed status/facts, was renamed or revoked. */
  'hosts.changed': (payload: { host: HostDto }) => void;
  error: (payload: { code: string; message: string }) => void;
}

export const uiClientMessages = {
  /** Liveness check; acked with the server time. */
  ping: z.object({}).strict(),
} as const;

export type UiClientMessage = keyof typeof uiClientMessages;

export function isUiClientMessage(name: string): name is UiClientMessage {
  return Object.prototype.hasOwnProperty.call(uiClientMessages, name);
}

/** The rooms a /ui socket can be in. */
export const uiRooms = {
  hosts: 'hosts',
  user: (userId: string) => `user:${userId}`,
} as const;
