import { ProtocolError } from '@berth/protocol';
import type { AgentHub } from '../hub/agent-hub.js';
import type { UiHub } from '../hub/ui-hub.js';
import type { Logger } from '@berth/log';
import { randomId } from '../auth/secrets.js';
import { can } from '../../lib/roles.js';
import { LogsFollowMessage, LogsUnfollowMessage } from '../../lib/socket/container-messages.js';
import { streamLimits } from '../limits.js';

interface Follow {
  socketId: string;
  /** The id the browser chose; the agent sees our own random id. */
  clientId: string;
  hostId: string;
  userId: string;
}

type FollowLimits = Pick<typeof streamLimits, 'logFollowsPerUser' | 'logFollowsPerHost'>;

function underCaps(
  follows: Map<string, Follow>,
  limits: FollowLimits,
  userId: string,
  hostId: string,
) {
  let mine = 0;
  let onHost = 0;
  for (const f of follows.values()) {
    if (f.userId === userId) mine += 1;
    if (f.hostId === hostId) onHost += 1;
  }
  if (mine >= limits.logFollowsPerUser) {
    throw new ProtocolError(
      'RESOURCE_EXHAUSTED',
      `too many log follows: at most ${limits.logFollowsPerUser} per user; stop one first`,
    );
  }
  if (onHost >= limits.logFollowsPerHost) {
    throw new ProtocolError(
      'RESOURCE_EXHAUSTED',
      `too many log follows on this host: at most ${limits.logFollowsPerHost}`,
    );
  }
}

/**
 * Live log follows relayed between one browser socket and one agent: the browser sends
 * 'logs.follow' {followId, hostId, containerId, tail}, gets 'logs.data' / 'logs.end' with its own
 * followId, and the follow is stopped on 'logs.unfollow', on browser disconnect and when the
 * agent goes away.
 */
export function registerLogFollows(deps: {
  hub: AgentHub;
  ui: UiHub;
  log: Logger;
  limits?: Partial<FollowLimits>;
}): () => void {
  const { hub, ui } = deps;
  const limits = { ...streamLimits, ...deps.limits };
  const follows = new Map<string, Follow>();

  function stop(agentId: string) {
    const f = follows.get(agentId);
    if (!f) return;
    follows.delete(agentId);
    if (!hub.isConnected(f.hostId)) return;
    hub
      .rpc(f.hostId, 'logs.unfollow', { followId: agentId })
      .catch((err: unknown) => deps.log.warn(`logs.unfollow ${agentId}: ${String(err)}`));
  }

  function find(socketId: string, clientId: string): string | null {
    for (const [id, f] of follows)
      if (f.socketId === socketId && f.clientId === clientId) return id;
    return null;
  }

  // The browser's socket (and so the follow) may be on another replica than the agent's.
  hub.share('logs.data', (_hostId, p) => !follows.has(p.followId));
  hub.share('logs.end', (_hostId, p) => !follows.has(p.followId));

  const offs = [
    ui.handle('logs.follow', LogsFollowMessage, async ({ socket, principal, payload }) => {
      if (!can(principal.role, 'containers.operate')) {
        throw new ProtocolError(
          'PERMISSION_DENIED',
          `your role (${principal.role}) may not follow logs`,
        );
      }
      const old = find(socket.id, payload.followId);
      if (old) stop(old);
      underCaps(follows, limits, principal.userId, payload.hostId);
      const agentId = randomId(16);
      follows.set(agentId, {
        socketId: socket.id,
        clientId: payload.followId,
        hostId: payload.hostId,
        userId: principal.userId,
      });
      try {
        const res = await hub.rpc(payload.hostId, 'logs.follow', {
          followId: agentId,
          ref: payload.containerId,
          ...(payload.tail !== undefined ? { tail: payload.tail } : {}),
        });
        return { followId: payload.followId, containerId: res.containerId };
      } catch (err) {
        follows.delete(agentId);
        throw err;
      }
    }),
    ui.handle(
      'logs.unfollow',
      LogsUnfollowMessage,
      ({ socket, payload }) => {
        const id = find(socket.id, payload.followId);
        if (id) stop(id);
        return { stopped: id !== null };
      },
      { recheck: false },
    ),
    ui.onDisconnect((socket) => {
      for (const [id, f] of follows) if (f.socketId === socket.id) stop(id);
    }),
    hub.on('logs.data', (hostId, payload) => {
      const f = follows.get(payload.followId);
      if (!f || f.hostId !== hostId) return;
      ui.emitTo(f.socketId, 'logs.data', { followId: f.clientId, entries: payload.entries });
    }),
    hub.on('logs.end', (hostId, payload) => {
      const f = follows.get(payload.followId);
      if (!f || f.hostId !== hostId) return;
      follows.delete(payload.followId);
      ui.emitTo(f.socketId, 'logs.end', { ...payload, followId: f.clientId });
    }),
    hub.onLifecycle({
      disconnected(hostId) {
        for (const [id, f] of follows) {
          if (f.hostId !== hostId) continue;
          follows.delete(id);
          ui.emitTo(f.socketId, 'logs.end', {
            followId: f.clientId,
            reason: 'error',
            message: 'the host disconnected',
          });
        }
      },
    }),
  ];
  return () => offs.forEach((off) => off());
}
