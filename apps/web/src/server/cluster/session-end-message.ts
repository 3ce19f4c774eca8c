import { z } from 'zod';
import { sessionEndReasons } from '../../lib/socket/session-messages.js';

/** `ui.end` between replicas: cut these browser sessions' sockets wherever they are. */
export const SessionEndSchema = z.object({
  target: z.union([
    z.object({ sessionId: z.string().min(1).max(256) }).strict(),
    z
      .object({
        userId: z.string().min(1).max(256),
        exceptSessionId: z.string().min(1).max(256).optional(),
      })
      .strict(),
  ]),
  reason: z.enum(sessionEndReasons),
});
