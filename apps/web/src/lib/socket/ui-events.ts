import { z } from 'zod';
import type { HostDto } from '../dto/host.js';
import type {
  TerminalDataEvent,
  TerminalExitEvent,
  TerminalStateEvent,
} from './terminal-messages.js';
import type { StatsHostEvent, StatsSampleEvent, StatsSummaryUiEvent } from './stats-messages.js';
import type { ImagePullProgressEvent, ImagesChangedEvent } from './image-messages.js';
import type { ContainerUiEvents } from './container-messages.js';
import type { SessionEndedEvent } from './session-messages.js';
import type { StackOperationEndEvent, StackProgressEvent } from '../dto/stack.js';

/**
 * Messages on the browser socket (/ui). Server → browser events are pushes the query cache
 * merges; browser → server messages are validated with these schemas (anything else gets an
 * 'error' event back and is ignored).
 */
export interface UiServerEvents extends ContainerUiEvents {
  /** A host was created, changed status/facts, was renamed or revoked. */
  'hosts.changed': (payload: { host: HostDto }) => void;
  /** A host was removed, with its containers, images, networks and stats history. */
  'hosts.removed': (payload: { hostId: string }) => void;
  error: (payload: { code: string; message: string }) => void;
  /** This socket's session ended (logout, role change, …); the server disconnects it next. */
  'session.ended': (payload: SessionEndedEvent) => void;
  // terminals (terminal-messages.ts), stats (stats-messages.ts), images (image-messages.ts)
  'terminal.data': (payload: TerminalDataEvent) => void;
  'terminal.exit': (payload: TerminalExitEvent) => void;
  'terminal.state': (payload: TerminalStateEvent) => void;
  'stats.sample': (payload: StatsSampleEvent) => void;
  'stats.host': (payload: StatsHostEvent) => void;
  'stats.summary': (payload: StatsSummaryUiEvent) => void;
  'image.pull.progress': (payload: ImagePullProgressEvent) => void;
  'images.changed': (payload: ImagesChangedEvent) => void;
  /** A host's networks changed (the mirror is up to date: refetch it). */
  'networks.changed': (payload: { hostId: string }) => void;
  /** A stack's definition, deployments or containers changed: refetch it. */
  'stacks.changed': (payload: { name: string }) => void;
  /** One step of a stack operation on a host (pull, create, start, healthy, …). */
  'stacks.progress': (payload: StackProgressEvent) => void;
  /** A stack operation on a host ended. */
  'stacks.operation': (payload: StackOperationEndEvent) => void;
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
