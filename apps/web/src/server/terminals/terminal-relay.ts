import { randomBytes } from 'node:crypto';
import { ProtocolError } from '@berth/protocol';
import type { AgentHub } from '../hub/agent-hub.js';
import type { UiHub } from '../hub/ui-hub.js';
import type { AuditRepo } from '../db/audit.js';
import type { Logger } from '../log.js';
import { can } from '../../lib/roles.js';
import {
  TerminalAckMessageSchema,
  TerminalCloseMessageSchema,
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

function underCaps(
  table: ReturnType<typeof createSessionTable>,
  limits: Pick<typeof streamLimits, 'terminalsPerUser' | 'terminalsPerHost'>,
  userId: string,
  hostId: string,
) {
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

/**
 * Relays terminals between browsers (/ui) and agents: authorizes and audits every session,
 * picks the agent-side session id, maps it to the opening browser socket, and forwards bytes
 * both ways. The web does not buffer: output goes straight to the browser and the browser's
 * acks go straight to the agent (its credit flow control pauses the PTY when the browser lags).
 * Keepalive is socket.io's own ping/pong on both links.
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

  uiHub.handle(
    'terminal.open',
    TerminalOpenMessageSchema,
    async ({ socket, principal, payload }) => {
      const ip = socket.handshake.address ?? null;
      const target = `container:${payload.hostId}:${payload.containerId}`;
      if (!can(principal.role, 'terminal.open')) {
        await audit({
          actorId: principal.userId,
          actorName: principal.username,
          action: 'terminal.open',
          target,
          outcome: 'denied',
          ip,
        });
        throw new ProtocolError(
          'PERMISSION_DENIED',
          'not allowed: terminals need the operator role',
        );
      }
      underCaps(table, limits, principal.userId, payload.hostId);
      const sessionId = randomBytes(16).toString('base64url');
      const record: TerminalSessionRecord = {
        sessionId,
        socketId: socket.id,
        hostId: payload.hostId,
        containerId: payload.containerId,
        userId: principal.userId,
        username: principal.username,
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
      if (socket.disconnected && table.take(sessionId)) {
        closeOnAgent(record);
        recordEnd(record, null, 'browser disconnected');
      }
      const ack: TerminalOpenAck = { sessionId, cmd: opened.cmd, containerId: opened.containerId };
      return ack;
    },
  );

  // Input, acks, resize and close steer a session this socket opened (re-checked then); they
  // skip the database read so keystrokes stay in order, and die with the socket.
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
    'terminal.close',
    TerminalCloseMessageSchema,
    ({ socket, payload }) => {
      const r = table.owned(payload.sessionId, socket.id);
      if (!r) return { closed: false };
      table.take(r.sessionId);
      closeOnAgent(r);
      recordEnd(r, null, 'closed by the user');
      return { closed: true };
    },
    steering,
  );

  uiHub.onDisconnect((socket) => {
    const ended = uiHub.endReasonOf(socket);
    for (const r of table.takeBySocket(socket.id)) {
      closeOnAgent(r);
      recordEnd(r, null, ended ? sessionEndMessage(ended) : 'browser disconnected');
    }
  });

  // The browser's socket (and so the session record) may be on another replica than the agent's.
  agentHub.share('terminal.data', (_hostId, p) => !table.get(p.sessionId));
  agentHub.share('terminal.exit', (_hostId, p) => !table.get(p.sessionId));
  agentHub.on('terminal.data', (hostId, p) => {
    const r = table.get(p.sessionId);
    if (!r || r.hostId !== hostId) return;
    uiHub.emitTo(r.socketId, 'terminal.data', { sessionId: r.sessionId, data: p.data });
  });

  agentHub.on('terminal.exit', (hostId, p) => {
    const r = table.get(p.sessionId);
    if (!r || r.hostId !== hostId) return;
    table.take(p.sessionId);
    uiHub.emitTo(r.socketId, 'terminal.exit', p);
    recordEnd(
      r,
      p.exitCode,
      p.reason === 'exited' ? 'exited' : `${p.reason}${p.message ? `: ${p.message}` : ''}`,
    );
  });

  agentHub.onLifecycle({
    disconnected(hostId) {
      for (const r of table.takeByHost(hostId)) {
        uiHub.emitTo(r.socketId, 'terminal.state', {
          sessionId: r.sessionId,
          state: 'connection lost',
        });
        recordEnd(r, null, 'agent connection lost');
      }
    },
  });

  return { openSessions: () => table.size() };
}
