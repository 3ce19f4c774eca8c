import { randomBytes } from 'node:crypto';
import { ProtocolError } from '@berth/protocol';
import type { Socket } from 'socket.io';
import type { AgentHub } from '../hub/agent-hub.js';
import type { UiHub } from '../hub/ui-hub.js';
import type { AuditRepo } from '../audit/audit-repo.js';
import type { Logger } from '@berth/log';
import type { Principal } from '../auth/principal.js';
import type { SessionTarget } from '../auth/session-ends.js';
import { can } from '../../lib/roles.js';
import {
  TerminalAckMessageSchema,
  TerminalAttachMessageSchema,
  TerminalCloseMessageSchema,
  TerminalDetachMessageSchema,
  TerminalInputMessageSchema,
  TerminalOpenMessageSchema,
  TerminalResizeMessageSchema,
  type TerminalOpenAck,
} from '../../lib/socket/terminal-messages.js';
import { createSessionTable, type TerminalSessionRecord } from './session-table.js';
import { closeDetail, commandForShell } from './terminal-command.js';
import { streamLimits } from '../limits.js';
import { sessionEndMessage } from '../../lib/socket/session-messages.js';

export interface TerminalRelayDeps {
  agentHub: AgentHub;
  uiHub: UiHub;
  audit: AuditRepo;
  log: Logger;
  now?: () => number;
  limits?: Partial<Pick<typeof streamLimits, 'terminalsPerUser' | 'terminalsPerHost'>>;
}

/** Whose terminals end when sign-ins end (logout: that one; role change, disabling: all). */
function endedBy(target: SessionTarget, r: TerminalSessionRecord): boolean {
  if ('sessionId' in target) return r.authSessionId === target.sessionId;
  return r.userId === target.userId && r.authSessionId !== target.exceptSessionId;
}

/**
 * Relays terminals between browsers (/ui) and agents: authorizes and audits every session,
 * picks the agent-side session id, maps it to the browser socket that shows it, and forwards
 * bytes both ways. The web does not buffer: output goes straight to the browser and the
 * browser's acks go straight to the agent (its credit flow control pauses the PTY when the
 * browser lags). Keepalive is socket.io's own ping/pong on both links.
 *
 * A session outlives its page: when the page goes (tab switch, reload, dropped connection) it
 * is detached — the agent keeps it, with its scrollback, for its grace time — and its owner's
 * next page attaches to it again (only its owner: anyone else is told there is no such
 * session, and that is audited). It ends when closed, when its process exits, when the grace
 * time passes, and when the sign-in that holds it ends (logout, role change, disabling: the
 * sessions rule of docs/security.md).
 */
export function registerTerminalRelay(deps: TerminalRelayDeps) {
  const now = deps.now ?? Date.now;
  const table = createSessionTable();
  const { agentHub, uiHub, log } = deps;
  const limits = { ...streamLimits, ...deps.limits };

  const audit = (entry: Parameters<AuditRepo['record']>[0]) =>
    deps.audit.record(entry).catch((err: unknown) => log.error(`audit: ${String(err)}`));

  function recordEnd(r: TerminalSessionRecord, exitCode: number | null, reason: string) {
    void audit({
      actorId: r.userId,
      actorName: r.username,
      action: 'terminal.close',
      target: `container:${r.hostId}:${r.containerId}`,
      outcome: 'success',
      detail: closeDetail({ ...r, endedAt: now(), exitCode, reason }),
      ip: r.ip,
    });
  }

  function closeOnAgent(r: TerminalSessionRecord) {
    agentHub
      .rpc(r.hostId, 'terminal.close', { sessionId: r.sessionId })
      .catch((err: unknown) => log.warn(`terminal.close ${r.sessionId}: ${String(err)}`));
  }

  /** Ends a session the web still knows (idempotent): on the agent too, audited with why. */
  function end(sessionId: string, reason: string) {
    const r = table.take(sessionId);
    if (!r) return;
    closeOnAgent(r);
    recordEnd(r, null, reason);
  }

  /** No page shows it: the agent keeps it for its grace time (or ends it when it has none). */
  function detachOnAgent(r: TerminalSessionRecord) {
    agentHub.rpc(r.hostId, 'terminal.detach', { sessionId: r.sessionId }).then(
      (res) => {
        if (res.detached || table.get(r.sessionId) !== r || r.socketId !== null) return;
        table.take(r.sessionId);
        recordEnd(r, null, 'browser disconnected');
      },
      (err: unknown) => log.warn(`terminal.detach ${r.sessionId}: ${String(err)}`),
    );
  }

  /** Ends the oldest detached session that matches, if any (to make room under a cap). */
  function reclaimOldestDetached(match: (r: TerminalSessionRecord) => boolean, why: string) {
    const oldest = table
      .list((r) => r.socketId === null && match(r))
      .sort((a, b) => a.startedAt - b.startedAt)[0];
    if (oldest) end(oldest.sessionId, why);
  }

  /**
   * The caps count detached sessions too (they hold a shell on the host). At a cap, the oldest
   * detached session (no page shows it) makes room for the new one rather than locking anyone
   * out: the user's own at the per-user cap, any on the host at the per-host cap.
   */
  function makeRoom(userId: string, hostId: string) {
    if (table.countWhere((r) => r.userId === userId) >= limits.terminalsPerUser) {
      reclaimOldestDetached(
        (r) => r.userId === userId,
        'replaced by a newer session (per-user cap)',
      );
    }
    if (table.countWhere((r) => r.hostId === hostId) >= limits.terminalsPerHost) {
      reclaimOldestDetached(
        (r) => r.hostId === hostId,
        'replaced by a newer session (per-host cap)',
      );
    }
    if (table.countWhere((r) => r.userId === userId) >= limits.terminalsPerUser) {
      throw new ProtocolError(
        'RESOURCE_EXHAUSTED',
        `too many open terminals: at most ${limits.terminalsPerUser} per user; close one first`,
      );
    }
    if (table.countWhere((r) => r.hostId === hostId) >= limits.terminalsPerHost) {
      throw new ProtocolError(
        'RESOURCE_EXHAUSTED',
        `too many open terminals on this host: at most ${limits.terminalsPerHost}`,
      );
    }
  }

  async function refuseUnlessOperator(
    principal: Principal,
    socket: Socket,
    action: string,
    target: string,
  ) {
    if (can(principal.role, 'terminal.open')) return;
    await audit({
      actorId: principal.userId,
      actorName: principal.username,
      action,
      target,
      outcome: 'denied',
      ip: socket.handshake.address ?? null,
    });
    throw new ProtocolError('PERMISSION_DENIED', 'not allowed: terminals need the operator role');
  }

  uiHub.handle(
    'terminal.open',
    TerminalOpenMessageSchema,
    async ({ socket, principal, payload }) => {
      const ip = socket.handshake.address ?? null;
      const target = `container:${payload.hostId}:${payload.containerId}`;
      await refuseUnlessOperator(principal, socket, 'terminal.open', target);
      makeRoom(principal.userId, payload.hostId);
      const sessionId = randomBytes(16).toString('base64url');
      const record: TerminalSessionRecord = {
        sessionId,
        socketId: socket.id,
        hostId: payload.hostId,
        containerId: payload.containerId,
        userId: principal.userId,
        username: principal.username,
        authSessionId: principal.sessionId,
        ip,
        startedAt: now(),
        cmd: [],
      };
      // Registered before the RPC so output that races the ack is not lost.
      table.add(record);
      let opened;
      try {
        opened = await agentHub.rpc(payload.hostId, 'terminal.open', {
          sessionId,
          containerId: payload.containerId,
          cmd: commandForShell(payload.shell),
          cols: payload.cols,
          rows: payload.rows,
        });
      } catch (err) {
        table.take(sessionId);
        await audit({
          actorId: principal.userId,
          actorName: principal.username,
          action: 'terminal.open',
          target,
          outcome: 'failure',
          detail: { message: err instanceof Error ? err.message : String(err) },
          ip,
        });
        throw err;
      }
      record.cmd = opened.cmd;
      record.containerId = opened.containerId;
      await audit({
        actorId: principal.userId,
        actorName: principal.username,
        action: 'terminal.open',
        target: `container:${payload.hostId}:${opened.containerId}`,
        outcome: 'success',
        detail: {
          sessionId,
          cmd: opened.cmd,
          startedAt: new Date(record.startedAt).toISOString(),
        },
        ip,
      });
      if (socket.disconnected && table.get(sessionId) === record && record.socketId === socket.id) {
        record.socketId = null;
        detachOnAgent(record);
      }
      const ack: TerminalOpenAck = { sessionId, cmd: opened.cmd, containerId: opened.containerId };
      return ack;
    },
  );

  uiHub.handle(
    'terminal.attach',
    TerminalAttachMessageSchema,
    async ({ socket, principal, payload }) => {
      const ip = socket.handshake.address ?? null;
      const r = table.get(payload.sessionId);
      const target = r ? `container:${r.hostId}:${r.containerId}` : 'terminal:unknown';
      await refuseUnlessOperator(principal, socket, 'terminal.attach', target);
      if (!r || r.userId !== principal.userId) {
        // Someone else's session looks exactly like no session; the attempt is on record.
        await audit({
          actorId: principal.userId,
          actorName: principal.username,
          action: 'terminal.attach',
          target,
          outcome: 'denied',
          detail: { reason: r ? 'another user’s session' : 'no such session' },
          ip,
        });
        throw new ProtocolError('NOT_FOUND', 'no such terminal session (it may have ended)');
      }
      const previous = r.socketId;
      // Before the RPC: the scrollback the agent sends ahead of its answer comes here.
      r.socketId = socket.id;
      r.authSessionId = principal.sessionId;
      if (previous && previous !== socket.id) {
        uiHub.emitTo(previous, 'terminal.state', {
          sessionId: r.sessionId,
          state: 'attached elsewhere',
        });
      }
      let attached;
      try {
        attached = await agentHub.rpc(r.hostId, 'terminal.attach', {
          sessionId: r.sessionId,
          cols: payload.cols,
          rows: payload.rows,
        });
      } catch (err) {
        if ((err as { code?: unknown }).code === 'NOT_FOUND' && table.get(r.sessionId) === r) {
          // The agent no longer has it (restarted, or the grace time passed while offline).
          table.take(r.sessionId);
          recordEnd(r, null, 'gone from the host');
        }
        throw err;
      }
      await audit({
        actorId: principal.userId,
        actorName: principal.username,
        action: 'terminal.attach',
        target,
        outcome: 'success',
        detail: { sessionId: r.sessionId, replayedBytes: attached.replayed },
        ip,
      });
      if (socket.disconnected && r.socketId === socket.id) {
        r.socketId = null;
        detachOnAgent(r);
      }
      const ack: TerminalOpenAck = {
        sessionId: r.sessionId,
        cmd: attached.cmd,
        containerId: attached.containerId,
      };
      return ack;
    },
  );

  // Input, acks, resize, detach and close steer a session this socket shows (re-checked then);
  // they skip the database read so keystrokes stay in order, and die with the socket.
  const steering = { recheck: false };

  uiHub.handle(
    'terminal.input',
    TerminalInputMessageSchema,
    ({ socket, payload }) => {
      const r = table.owned(payload.sessionId, socket.id);
      if (!r) throw new ProtocolError('NOT_FOUND', 'no such terminal session');
      agentHub.emit(r.hostId, 'terminal.input', { sessionId: r.sessionId, data: payload.data });
    },
    steering,
  );

  uiHub.handle(
    'terminal.ack',
    TerminalAckMessageSchema,
    ({ socket, payload }) => {
      const r = table.owned(payload.sessionId, socket.id);
      if (r) agentHub.emit(r.hostId, 'terminal.ack', payload);
    },
    steering,
  );

  uiHub.handle(
    'terminal.resize',
    TerminalResizeMessageSchema,
    async ({ socket, payload }) => {
      const r = table.owned(payload.sessionId, socket.id);
      if (!r) throw new ProtocolError('NOT_FOUND', 'no such terminal session');
      await agentHub.rpc(r.hostId, 'terminal.resize', payload);
    },
    steering,
  );

  uiHub.handle(
    'terminal.detach',
    TerminalDetachMessageSchema,
    ({ socket, payload }) => {
      const r = table.owned(payload.sessionId, socket.id);
      if (!r) return { detached: false };
      r.socketId = null;
      detachOnAgent(r);
      return { detached: true };
    },
    steering,
  );

  uiHub.handle(
    'terminal.close',
    TerminalCloseMessageSchema,
    ({ socket, payload }) => {
      const r = table.owned(payload.sessionId, socket.id);
      if (!r) return { closed: false };
      end(r.sessionId, 'closed by the user');
      return { closed: true };
    },
    steering,
  );

  uiHub.onDisconnect((socket) => {
    const ended = uiHub.endReasonOf(socket);
    if (ended) {
      // The sign-in ended: its sessions end with it, never left to reattach.
      for (const r of table.takeBySocket(socket.id)) {
        closeOnAgent(r);
        recordEnd(r, null, sessionEndMessage(ended));
      }
      return;
    }
    for (const r of table.detachBySocket(socket.id)) detachOnAgent(r);
  });

  uiHub.onSessionsEnded((target, reason) => {
    for (const r of table.list((x) => endedBy(target, x)))
      end(r.sessionId, sessionEndMessage(reason));
  });

  // The browser's socket (and so the session record) may be on another replica than the agent's.
  agentHub.share('terminal.data', (_hostId, p) => !table.get(p.sessionId));
  agentHub.share('terminal.exit', (_hostId, p) => !table.get(p.sessionId));
  agentHub.on('terminal.data', (hostId, p) => {
    const r = table.get(p.sessionId);
    if (!r || r.hostId !== hostId || r.socketId === null) return;
    uiHub.emitTo(r.socketId, 'terminal.data', { sessionId: r.sessionId, data: p.data });
  });

  agentHub.on('terminal.exit', (hostId, p) => {
    const r = table.get(p.sessionId);
    if (!r || r.hostId !== hostId) return;
    table.take(p.sessionId);
    if (r.socketId) uiHub.emitTo(r.socketId, 'terminal.exit', p);
    recordEnd(
      r,
      p.exitCode,
      p.reason === 'exited' ? 'exited' : `${p.reason}${p.message ? `: ${p.message}` : ''}`,
    );
  });

  agentHub.onLifecycle({
    disconnected(hostId) {
      // The agent keeps its sessions for their grace time: the pages reattach when it is back.
      for (const r of table.list((x) => x.hostId === hostId && x.socketId !== null)) {
        uiHub.emitTo(r.socketId!, 'terminal.state', {
          sessionId: r.sessionId,
          state: 'connection lost',
        });
      }
    },
  });

  return {
    openSessions: () => table.size(),
    /** Sessions no page shows now (kept on their agents for the grace time). */
    detachedSessions: () => table.countWhere((r) => r.socketId === null),
  };
}
