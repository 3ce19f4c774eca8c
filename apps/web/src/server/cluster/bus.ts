import type { Namespace } from 'socket.io';
import type { z } from 'zod';
import type { Logger } from '@berth/log';

/**
 * Messages between web replicas (not to browsers or agents). On one process (`BERTH_CLUSTER=none`)
 * nothing is sent; with an adapter they ride the adapter's channel as socket.io server-side
 * emits, so every other replica receives each message once, in the order this replica sent it.
 * Every message is validated with its zod schema on receipt, like any other boundary.
 */
export interface ClusterBus {
  /** This replica's id (random per process start). */
  readonly replicaId: string;
  /** True when other replicas may exist (an adapter is configured). */
  readonly clustered: boolean;
  /** Send to every other replica. */
  publish(channel: string, payload: unknown): void;
  /** Receive what other replicas publish on `channel`. Returns an unsubscribe. */
  subscribe<S extends z.ZodType>(
    channel: string,
    schema: S,
    handler: (payload: z.infer<S>) => void,
  ): () => void;
}

const PREFIX = 'berth:';

/** One process: publishing is a no-op and nothing is ever received. */
export function localBus(replicaId: string): ClusterBus {
  return {
    replicaId,
    clustered: false,
    publish: () => undefined,
    subscribe: () => () => undefined,
  };
}

/** Replicas sharing a socket.io adapter: server-side emits on `namespace` (the /agent one). */
export function adapterBus(namespace: Namespace, replicaId: string, log: Logger): ClusterBus {
  const emitter = namespace as unknown as {
    serverSideEmit(ev: string, ...args: unknown[]): boolean;
    on(ev: string, fn: (...args: unknown[]) => void): unknown;
    off(ev: string, fn: (...args: unknown[]) => void): unknown;
  };
  return {
    replicaId,
    clustered: true,
    publish(channel, payload) {
      emitter.serverSideEmit(PREFIX + channel, payload);
    },
    subscribe(channel, schema, handler) {
      const fn = (raw: unknown) => {
        const parsed = schema.safeParse(raw);
        if (!parsed.success) {
          log.warn(`cluster: dropped a malformed ${channel} message`);
          return;
        }
        try {
          handler(parsed.data);
        } catch (err) {
          log.error(`cluster: ${channel} handler failed: ${String(err)}`);
        }
      };
      emitter.on(PREFIX + channel, fn);
      return () => emitter.off(PREFIX + channel, fn);
    },
  };
}
