import { z } from 'zod';
import { ContainerRefSchema, type ContainerEvent, type LogLine } from '@berth/protocol';
import type { ContainersChangedDto } from '../dto/container.js';

/** Browser → web messages of the containers feature on '/ui' (validated by the server). */
export const LogsFollowMessage = z
  .object({
    /** Chosen by the browser ([A-Za-z0-9_-]{1,64}); data and end events carry it. */
    followId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    hostId: z.string().min(1).max(64),
    containerId: ContainerRefSchema,
    tail: z.number().int().min(0).max(5000).optional(),
  })
  .strict();
export type LogsFollowMessage = z.infer<typeof LogsFollowMessage>;

export const LogsUnfollowMessage = z
  .object({ followId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) })
  .strict();

/** Web → browser pushes of the containers feature. */
export interface ContainerUiEvents {
  'containers.changed': (payload: ContainersChangedDto) => void;
  'container.event': (payload: { hostId: string; event: ContainerEvent }) => void;
  'logs.data': (payload: { followId: string; entries: LogLine[] }) => void;
  'logs.end': (payload: { followId: string; reason: 'exited' | 'error'; message?: string }) => void;
}
